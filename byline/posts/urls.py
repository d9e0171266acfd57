"""A blog's public addresses, which follow WordPress's permalinks so old links keep working."""

from django.urls import path, register_converter

from byline.comments import feeds as comment_feeds
from byline.posts import feeds, views
from byline.posts.sitemaps import blog_sitemap


class BlogSlug:
    regex = "[a-z0-9]+(?:-[a-z0-9]+)*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class Digits:
    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):0{self.width}d}"


class Year(Digits):
    regex, width = "[0-9]{4}", 4


class TwoDigits(Digits):
    regex, width = "[0-9]{2}", 2


register_converter(BlogSlug, "blog")
register_converter(Year, "yyyy")
register_converter(TwoDigits, "nn")

app_name = "posts"


def paged(route: str, view, name: str) -> list:
    """Return the route and its /page/<n>/ twin, as WordPress pages its archives."""
    return [
        path(route, view, name=name),
        path(f"{route}page/<int:page>/", view, name=name),
    ]


urlpatterns = [
    *paged("<blog:blog>/", views.home, "home"),
    path("<blog:blog>/feed/", feeds.BlogFeed(), name="feed"),
    path("<blog:blog>/feed/atom/", feeds.BlogAtomFeed(), name="feed_atom"),
    path("<blog:blog>/comments/feed/", comment_feeds.BlogCommentsFeed(), name="comments_feed"),
    path(
        "<blog:blog>/comments/feed/atom/",
        comment_feeds.BlogCommentsAtomFeed(),
        name="comments_feed_atom",
    ),
    path("<blog:blog>/sitemap.xml", blog_sitemap, name="sitemap"),
    path("<blog:blog>/robots.txt", views.robots_txt, name="robots"),
    *paged("<blog:blog>/<yyyy:year>/", views.date_archive, "year"),
    *paged("<blog:blog>/<yyyy:year>/<nn:month>/", views.date_archive, "month"),
    *paged("<blog:blog>/<yyyy:year>/<nn:month>/<nn:day>/", views.date_archive, "day"),
    path("<blog:blog>/<yyyy:year>/<nn:month>/<nn:day>/<str:slug>/", views.post, name="post"),
    path(
        "<blog:blog>/<yyyy:year>/<nn:month>/<nn:day>/<str:slug>/feed/",
        comment_feeds.PostCommentsFeed(),
        name="post_comments_feed",
    ),
    path(
        "<blog:blog>/<yyyy:year>/<nn:month>/<nn:day>/<str:slug>/feed/atom/",
        comment_feeds.PostCommentsAtomFeed(),
        name="post_comments_feed_atom",
    ),
    path(
        "<blog:blog>/<yyyy:year>/<nn:month>/<nn:day>/<str:slug>/comment-page-<int:cpage>/",
        views.post,
        name="post_comments",
    ),
    path("<blog:blog>/category/<path:category>/feed/", feeds.CategoryFeed(), name="cat_feed"),
    path(
        "<blog:blog>/category/<path:category>/feed/atom/",
        feeds.CategoryAtomFeed(),
        name="cat_feed_atom",
    ),
    path("<blog:blog>/category/<path:category>/page/<int:page>/", views.category),
    path("<blog:blog>/category/<path:category>/", views.category, name="category"),
    path("<blog:blog>/tag/<str:tag>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("<blog:blog>/tag/<str:tag>/feed/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    *paged("<blog:blog>/tag/<str:tag>/", views.tag, "tag"),
    *paged("<blog:blog>/author/<str:username>/", views.author, "author"),
    # Last: anything else below a blog is one of its pages, nested as /parent/child/.
    path("<blog:blog>/<path:path>/", views.page, name="page"),
]
