"""What the likes under a post (and on its comments) show, read in a fixed number of queries.

"Be the first to like this." / "1 blogger likes this:" / "N bloggers like this:", then
the faces of the most recent likers, each a link to the liker's blog (or their profile
when they have none), and "and N more".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.expressions import RawSQL

from byline.accounts.avatars import picture_url
from byline.blogs.models import Blog
from byline.social.models import Like

FACES = 10
# What a face shows of its liker (public_name, picture_url, get_absolute_url): not the
# password hash and the dozen other columns of a User, ten times over on every like.
LIKER_FIELDS = tuple(
    f"user__{name}"
    for name in ("username", "email", "avatar", "display_name", "first_name", "last_name")
)


@dataclass
class Liker:
    name: str
    picture: str
    link: str


@dataclass
class Likes:
    count: int
    likers: list[Liker]
    liked: bool  # by the reader looking at the page

    @property
    def more(self) -> int:
        return self.count - len(self.likers)

    @property
    def sentence(self) -> str:
        if self.count == 0:
            return "Be the first to like this."
        if self.count == 1:
            return "1 blogger likes this:"
        return f"{self.count} bloggers like this:"


def of_post(post, viewer, *, liked: bool | None = None) -> Likes:
    """Return the likes of a post as the viewer sees them (their own shows as "Liked").

    `liked`: whether the viewer likes it, when the caller knows (it has just liked or
    unliked it), which saves asking the database.
    """
    likes = Like.objects.filter(post=post)
    first_blog = Blog.objects.filter(owner=OuterRef("user")).order_by("created_at", "pk")
    recent = list(
        likes.select_related("user")
        .only(*LIKER_FIELDS)
        .annotate(blog_slug=Subquery(first_blog.values("slug")[:1]), total=_count_of(post))
        .order_by("-created_at", "-pk")[:FACES]
    )
    likers = [
        Liker(
            name=like.user.public_name,
            picture=picture_url(like.user),
            link=Blog(slug=like.blog_slug).get_absolute_url() if like.blog_slug
            else like.user.get_absolute_url(),
        )
        for like in recent
    ]  # fmt: skip
    count = recent[0].total if recent else 0  # every row carries the same total
    if liked is None:
        liked = viewer.is_authenticated and (
            any(like.user_id == viewer.pk for like in recent)
            or (count > len(likers) and likes.filter(user=viewer).exists())
        )
    return Likes(count=count, likers=likers, liked=liked)


def _count_of(post) -> RawSQL:
    """The number of the post's likes, for each face's row: the count and faces in one query.

    Written out because Django's Subquery(...Count) costs more to build than a second
    query; this is the same COUNT, read in the same snapshot as the faces.
    """
    # A fixed statement whose one value is a parameter: nothing from a request is in it.
    return RawSQL(_COUNT_SQL, (post.pk,), output_field=IntegerField())  # noqa: S611


_COUNT_SQL = 'SELECT COUNT(*) FROM "social_like" WHERE "post_id" = %s'


@dataclass
class CommentLikes:
    counts: dict[int, int]
    mine: set[int]

    def of(self, comment_id: int) -> tuple[int, bool]:
        return self.counts.get(comment_id, 0), comment_id in self.mine


def of_comments(post_id: int, viewer) -> CommentLikes:
    """Return the like counts of all of a post's comments, and which the viewer liked."""
    likes = Like.objects.filter(comment__post_id=post_id)
    counts = dict(likes.values_list("comment").annotate(n=Count("*")).order_by())
    mine = set()
    if viewer.is_authenticated and counts:
        mine = set(likes.filter(user=viewer).values_list("comment_id", flat=True))
    return CommentLikes(counts=counts, mine=mine)
