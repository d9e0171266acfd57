from django import template

from byline.posts.metadata import blog_posting, json_ld

register = template.Library()


@register.inclusion_tag("posts/_meta.html", takes_context=True)
def post_meta(context, post):
    request = context["request"]
    absolute = request.build_absolute_uri
    return {
        "post": post,
        "blog": post.blog,
        "canonical": absolute(post.get_absolute_url()),
        "json_ld": json_ld(blog_posting(post, absolute)),
    }
