"""A published post's earlier addresses, so links to them keep working after a change.

WordPress keeps a post's old slugs (`_wp_old_slug`) and old dates (`_wp_old_date`) and
redirects to the post from them (not pages: nor does WordPress). Byline does the same with
one row per earlier path: Post.save() records the path a public post leaves, and the
old-link middleware of porting/legacy.py, which already answers an imported blog's old
addresses when the blog would say 404, asks `find()` too. Only a post readers may see is
redirected to, so an old link never reveals a post that became a draft or went private.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class OldLink(models.Model):
    """An address a post had while readers could see it: <blog>/<path>/."""

    blog = models.ForeignKey("blogs.Blog", on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="old_links")
    # As Post.path: 2024/05/01/old-slug.
    path = models.CharField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blog", "path"], name="one_old_link_per_blog_path")
        ]

    def __str__(self) -> str:
        return f"/{self.path}/ → {self.post}"


def moved(post, old_path: str) -> None:
    """Remember that a public post left old_path; its new path is no longer an old link."""
    if not old_path or old_path == post.path:
        return
    OldLink.objects.filter(blog_id=post.blog_id, path=post.path).delete()
    OldLink.objects.update_or_create(
        blog_id=post.blog_id, path=old_path[:1000], defaults={"post": post}
    )


def find(blog_slug: str, path: str) -> str | None:
    """Return the address of the public post that once was at <blog>/<path>/, if any."""
    found = (
        OldLink.objects.filter(blog__slug=blog_slug, path=path.strip("/")[:1000])
        .select_related("post__blog")
        .first()
    )
    if found is None or not found.post.is_public:
        return None
    return found.post.get_absolute_url()
