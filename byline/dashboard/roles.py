"""Who may do what on a blog's dashboard: WordPress's four roles, with WordPress's meanings.

- administrator (and the blog's owner, whatever their membership says): everything,
  including the blog's settings, menus and members;
- editor: writes, publishes, edits and deletes anyone's posts and pages, manages
  categories, moderates every comment;
- author: writes, publishes, edits and deletes their own posts, uploads media;
- contributor: writes their own posts and submits them for review. Once a post is
  published (or scheduled, or private) it is no longer theirs to edit, and they upload
  nothing.

Anyone else, signed in or not, gets a 404 on every dashboard address of the blog, so a
stranger cannot learn whether a draft, a member or a setting exists (the shape of
WordPress's map_meta_cap in wp-includes/capabilities.php, reduced to what Byline has).
Every view asks a Desk; no template decides what a user may do.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from byline.blogs.models import Blog, Membership
from byline.posts.models import Post, PostQuerySet

Role = Membership.Role
Status = Post.Status
RANK = {Role.CONTRIBUTOR: 1, Role.AUTHOR: 2, Role.EDITOR: 3, Role.ADMINISTRATOR: 4}
# What a contributor's own post may be while they still edit it.
UNPUBLISHED = (Status.DRAFT, Status.PENDING)
EDITOR_STATUSES = (Status.DRAFT, Status.PENDING, Status.SCHEDULED, Status.PUBLISHED,
                   Status.PRIVATE)  # fmt: skip


def role_of(user, blog: Blog) -> str | None:
    """Return the user's role on the blog, or None for anyone who is not a member."""
    if not user.is_authenticated:
        return None
    if user.pk == blog.owner_id:
        return Role.ADMINISTRATOR
    return (
        Membership.objects.filter(blog=blog, user_id=user.pk).values_list("role", flat=True).first()
    )


class NotAllowed(Http404):
    """A 404 for what the user's role does not allow: the page is not there, for them."""


@dataclass(frozen=True)
class Desk:
    """A member at a blog's dashboard: the blog, the user, their role, and what it allows."""

    blog: Blog
    user: object
    role: str

    @classmethod
    def find(cls, request, slug: str, at_least: str = Role.CONTRIBUTOR) -> Desk:
        """Return the desk of the signed-in user at this blog, or raise a 404."""
        blog = Blog.find_for_request(request, slug)
        role = role_of(request.user, blog)
        if role is None or RANK[role] < RANK[at_least]:
            raise NotAllowed("No such page.")
        return cls(blog, request.user, role)

    # What the role allows on the blog ------------------------------------------------

    @property
    def rank(self) -> int:
        return RANK[self.role]

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def is_administrator(self) -> bool:
        return self.rank >= RANK[Role.ADMINISTRATOR]

    @property
    def is_editor(self) -> bool:
        """Return whether the user edits everyone's posts (editors and administrators)."""
        return self.rank >= RANK[Role.EDITOR]

    @property
    def publishes(self) -> bool:
        return self.rank >= RANK[Role.AUTHOR]

    @property
    def uploads(self) -> bool:
        return self.rank >= RANK[Role.AUTHOR]

    def can_edit_media(self, item) -> bool:
        """Return whether the user may describe or delete this file: editors any, others theirs.

        As WordPress's edit_post on an attachment: authors (and contributors, who upload
        nothing, but may have while they were authors) edit only what they uploaded.
        """
        if item.blog_id != self.blog.pk:
            return False
        return self.is_editor or (item.uploaded_by_id is not None
                                  and item.uploaded_by_id == self.user.pk)  # fmt: skip

    @property
    def moderates(self) -> bool:
        """Return whether the comment queue has anything for this user (see comments/queue.py)."""
        return self.rank >= RANK[Role.AUTHOR]

    @property
    def manages_categories(self) -> bool:
        return self.is_editor

    def writes(self, kind: str) -> bool:
        """Return whether the user may write this kind: pages are the editors' (as in WordPress)."""
        return kind == Post.Kind.POST or self.is_editor

    # What the role allows on one post ------------------------------------------------

    def posts(self, kind: str) -> PostQuerySet:
        """Return the posts (or pages) of the blog this user may list: everyone's, or their own."""
        if not self.writes(kind):
            raise NotAllowed("No such page.")
        posts = Post.objects.for_blog(self.blog).filter(kind=kind)
        return posts if self.is_editor else posts.filter(author_id=self.user.pk)

    def can_edit(self, post: Post) -> bool:
        if post.blog_id != self.blog.pk or post.status == Status.TRASH:
            return False
        if self.is_editor:
            return True
        if post.author_id != self.user.pk or post.is_page:
            return False
        return self.publishes or post.status in UNPUBLISHED

    def can_delete(self, post: Post) -> bool:
        """Return whether the user may trash, restore or delete the post."""
        if post.blog_id != self.blog.pk:
            return False
        if self.is_editor:
            return True
        if post.author_id != self.user.pk or post.is_page:
            return False
        return self.publishes or post.status in (*UNPUBLISHED, Status.TRASH)

    def can_publish(self, post: Post) -> bool:
        if self.is_editor:
            return True
        return self.publishes and post.author_id == self.user.pk and not post.is_page

    def statuses(self, post: Post) -> tuple[str, ...]:
        """Return the statuses the user may give this post in the editor."""
        return EDITOR_STATUSES if self.can_publish(post) else UNPUBLISHED

    def editable(self, kind: str, pk: int) -> Post:
        """Return the post the user may edit, or raise a 404 (never a 403: nothing leaks)."""
        post = (
            Post.objects.for_blog(self.blog)
            .filter(kind=kind, pk=pk)
            .select_related("blog", "author")
            .first()
        )
        if post is None or not self.writes(kind) or not self.can_edit(post):
            raise NotAllowed("No such post, or it is in the Trash: restore it first.")
        post.blog = self.blog
        return post
