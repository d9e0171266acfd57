from django import template
from django.template.defaultfilters import truncatechars

from byline.posts.metadata import blog_posting, json_ld, shared_image

register = template.Library()


@register.inclusion_tag("posts/_meta.html", takes_context=True)
def post_meta(context, post):
    request = context["request"]
    absolute = request.build_absolute_uri
    image = shared_image(post)
    excerpt = post.display_excerpt
    # The description is shown twice at 300 characters: truncated once (the filter, as the
    # template called it, walks every character).
    return {
        "description": truncatechars(excerpt, 300),
        "short_description": truncatechars(excerpt, 200),
        "post": post,
        "blog": post.blog,
        "canonical": absolute(post.get_absolute_url()),
        "json_ld": json_ld(blog_posting(post, absolute)),
        "image": image,
        "image_url": absolute(image.url) if image else "",
    }
