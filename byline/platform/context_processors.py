from django.conf import settings


class BlogMenu:
    """The links of a blog's header, read only when a template shows them.

    A blog with a menu placed in its header (an imported WordPress menu, say) shows that
    menu, nested; any other blog lists its published top-level pages. Both are built once
    per change of the blog, not per page (byline/blogs/chrome.py).
    """

    def __init__(self, blog):
        self.blog = blog
        self._menu = None

    @property
    def menu(self):
        if self._menu is None:
            from byline.blogs import chrome

            self._menu = chrome.header_menu(self.blog)
        return self._menu

    @property
    def links(self) -> tuple:
        return self.menu.links

    def __iter__(self):
        return iter(self.menu.links)

    def __bool__(self) -> bool:
        return bool(self.menu.links)

    @property
    def custom(self) -> bool:
        return self.menu.custom


def platform(request):
    """Add the platform's name, and the blog's menu on a blog's pages (queried only if shown)."""
    context = {"site_name": settings.SITE_NAME}
    blog = getattr(request, "blog", None)
    if blog is not None:
        context["blog_menu"] = BlogMenu(blog)
    return context
