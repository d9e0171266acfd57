"""What a post page tells search engines and link previews about itself."""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

from byline.posts.models import Post

# The characters that could end a <script> element early or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def shared_image(post: Post):
    """Return the image link previews show for a post: its featured image, if readers see it.

    A password-protected post shares no image, as it shares no excerpt.
    """
    image = post.featured_image if post.featured_image_id else None
    if image is None or post.password or not image.is_image:
        return None
    return image


def blog_posting(post: Post, absolute) -> dict:
    """Return schema.org BlogPosting data for a post; absolute() makes a URL absolute."""
    url = absolute(post.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting" if not post.is_page else "WebPage",
        "headline": post.title,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "description": post.display_excerpt,
        "author": {
            "@type": "Person",
            "name": post.author.public_name,
            "url": absolute(f"{post.blog.get_absolute_url()}author/{post.author.username}/"),
        },
        "publisher": {"@type": "Organization", "name": post.blog.title,
                      "url": absolute(post.blog.get_absolute_url())},
        "inLanguage": post.blog.language,
    }  # fmt: skip
    if post.published_at:
        data["datePublished"] = post.published_at.isoformat()
    data["dateModified"] = post.updated_at.isoformat()
    image = shared_image(post)
    if image is not None:
        data["image"] = {"@type": "ImageObject", "url": absolute(image.url)}
        if image.width and image.height:
            data["image"].update(width=image.width, height=image.height)
        if image.alt_text:
            data["image"]["description"] = image.alt_text
    if not post.is_page:
        keywords = [t.name for t in post.tags.all()]
        if keywords:
            data["keywords"] = keywords
    return data


def json_ld(data: dict) -> SafeString:
    """Return data as JSON that is safe inside a <script> element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308
