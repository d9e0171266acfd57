from django.conf import settings


class BlogMenu:
    """The links of a blog's header, read from the database only when a template shows them.

    A blog with a menu placed in its header (an imported WordPress menu, say) shows that
    menu, nested; any other blog lists its published top-level pages.
    """

    def __init__(self, blog):
        self.blog = blog
        self._items = None
        self.is_custom = False

    @property
    def items(self) -> list:
        if self._items is None:
            from byline.blogs.models import Menu
            from byline.posts.models import Post

            menu = Menu.header_for(self.blog)
            if menu is not None:
                self.is_custom, self._items = True, menu.tree()
            else:
                pages = Post.objects.for_blog(self.blog).published().pages().filter(parent=None)
                self._items = list(pages.order_by("menu_order", "title").select_related("blog"))
        return self._items

    def __iter__(self):
        return iter(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def custom(self) -> bool:
        self.items  # noqa: B018 - reading the items decides which menu it is
        return self.is_custom


def platform(request):
    """Add the platform's name, and the blog's menu on a blog's pages (queried only if shown)."""
    context = {"site_name": settings.SITE_NAME}
    blog = getattr(request, "blog", None)
    if blog is not None:
        context["blog_menu"] = BlogMenu(blog)
    return context
