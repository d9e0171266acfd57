"""Comment feeds: a blog's newest comments, and one post's, in RSS 2.0 and Atom.

Only approved comments on public posts appear; held, spam and trashed comments, and
comments on private posts and drafts, never do. Commenters' emails and IPs are not in it.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from byline.blogs.models import Blog
from byline.comments.models import Comment
from byline.posts.models import Post

FEED_LENGTH = 20


class BlogCommentsFeed(Feed):
    def get_object(self, request, blog: str, **kwargs):
        return Blog.find_for_request(request, blog)

    def title(self, obj) -> str:
        return f"Comments for {obj.title}"

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def description(self, obj) -> str:
        return f"The newest comments on {obj.title}"

    def items(self, obj):
        public_posts = Post.objects.for_blog(obj).published()
        return self._newest(Comment.objects.filter(post__in=public_posts))

    @staticmethod
    def _newest(comments):
        return (
            comments.approved()
            .select_related("post", "post__blog")
            .order_by("-created_at", "-id")[:FEED_LENGTH]
        )

    def item_title(self, item: Comment) -> str:
        return f"Comment on {item.post.title} by {item.author_name}"

    def item_description(self, item: Comment) -> str:
        return item.safe_html  # cleaned again if stored under older rules, as on the page

    def item_link(self, item: Comment) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Comment) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Comment):
        return item.created_at

    def item_author_name(self, item: Comment) -> str:
        return item.author_name


class BlogCommentsAtomFeed(BlogCommentsFeed):
    feed_type = Atom1Feed
    subtitle = BlogCommentsFeed.description


class PostCommentsFeed(BlogCommentsFeed):
    def get_object(self, request, blog: str, year=None, month=None, day=None, slug=""):
        blog = Blog.find_for_request(request, blog)
        post = get_object_or_404(Post.objects.for_blog(blog).published().posts(), slug=slug)
        if post.pub_date is None or (post.pub_date.year, post.pub_date.month,
                                     post.pub_date.day) != (year, month, day):  # fmt: skip
            raise Http404("No such post.")
        return post

    def title(self, obj) -> str:
        return f"Comments on: {obj.title}"

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def description(self, obj) -> str:
        return f"Comments on {obj.title}, on {obj.blog.title}"

    def items(self, obj):
        return self._newest(obj.comments.all())


class PostCommentsAtomFeed(PostCommentsFeed):
    feed_type = Atom1Feed
    subtitle = PostCommentsFeed.description
