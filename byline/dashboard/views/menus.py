"""The blog's header menu (/dashboard/<blog>/menus/): pages, categories and links, in order.

Administrators only, as in WordPress (edit_theme_options). The menu shown in the header
replaces the list of pages there; without one, the header lists the published pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from byline.blogs.models import Menu, MenuItem
from byline.dashboard.forms import MenuItemForm
from byline.dashboard.roles import Desk, Role
from byline.dashboard.views import see_other
from byline.pagecache import blog_changed


def _menus_url(blog) -> str:
    return reverse("dashboard:menus", kwargs={"blog": blog.slug})


def _header(blog) -> Menu | None:
    return Menu.header_for(blog)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def menus(request, blog: str):
    desk = Desk.find(request, blog, at_least=Role.ADMINISTRATOR)
    menu = _header(desk.blog)
    form = MenuItemForm(desk.blog, request.POST or None, menu=menu)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if menu is None:
            menu = Menu.objects.create(blog=desk.blog, name="Header", slug="header",
                                       location=Menu.Location.HEADER)  # fmt: skip
        parent = data["parent"]
        last = menu.items.filter(parent=parent).aggregate(n=Max("order"))["n"] or 0
        MenuItem.objects.create(menu=menu, parent=parent, order=last + 1, label=data["label"],
                                url=data["url"], post=data["page"],
                                category=data["category"])  # fmt: skip
        blog_changed(desk.blog.slug)
        where = f"under “{parent.title}”" if parent else "to the header menu"
        messages.success(request, f"Added {where}.")
        return see_other(_menus_url(desk.blog))
    items = menu.outline() if menu else []
    context = {"desk": desk, "blog": desk.blog, "section": "menus", "menu": menu,
               "items": items, "form": form}  # fmt: skip
    return render(request, "dashboard/menus.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def reorder(request, blog: str):
    """Save the order numbers typed beside the menu's items (lowest first)."""
    desk = Desk.find(request, blog, at_least=Role.ADMINISTRATOR)
    menu = _header(desk.blog)
    if menu is not None:
        with transaction.atomic():
            for item in menu.items.all():
                value = request.POST.get(f"order-{item.pk}", "")
                if value.lstrip("-").isdigit() and int(value) != item.order:
                    item.order = int(value)
                    item.save(update_fields=["order"])
        blog_changed(desk.blog.slug)
        messages.success(request, "Menu order saved.")
    return see_other(_menus_url(desk.blog))


@login_required
@require_POST
def remove(request, blog: str, pk: int):
    desk = Desk.find(request, blog, at_least=Role.ADMINISTRATOR)
    item = get_object_or_404(MenuItem.objects.filter(menu__blog=desk.blog), pk=pk)
    label, had_children = item.title, item.children.exists()
    item.delete()  # and the links under it, which the menu shows inside it
    blog_changed(desk.blog.slug)
    also = ", with the links under it," if had_children else ""
    messages.success(request, f"“{label}”{also} removed from the menu.")
    return see_other(_menus_url(desk.blog))
