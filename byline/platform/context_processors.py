from django.conf import settings


def platform(request):
    """Add the platform's name, and the blog's menu on a blog's pages (queried only if shown)."""
    context = {"site_name": settings.SITE_NAME}
    blog = getattr(request, "blog", None)
    if blog is not None:

        def blog_menu():
            from byline.posts.models import Post

            pages = Post.objects.for_blog(blog).published().pages().filter(parent=None)
            return list(pages.order_by("menu_order", "title").select_related("blog"))

        context["blog_menu"] = blog_menu
    return context
