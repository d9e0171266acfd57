"""Menus: nav_menu terms and nav_menu_item entries become the blog's menus, one in its header."""

from __future__ import annotations

import re
from urllib.parse import unquote

from byline.blogs.models import Menu, MenuItem
from byline.porting import fields, wxr
from byline.porting.importer.meta_keys import LOCATION_META
from byline.porting.models import Origin

Kind = Origin.Kind


class MenuImport:
    """The Importer's handling of nav_menu terms and nav_menu_item items (written at the end)."""

    def _menu(self, term: wxr.Term) -> Menu:
        slug = (unquote(term.slug) or fields.tag_slug("", term.name))[:200]
        if slug in self.menus:
            return self.menus[slug]
        menu, created = Menu.objects.get_or_create(
            blog=self.blog, slug=slug, defaults={"name": (term.name or slug)[:200]}
        )
        self.summary.add("menus", "imported" if created else "already there")
        self.menus[slug] = menu
        if term.meta.get(LOCATION_META):
            self.menu_locations[slug] = term.meta[LOCATION_META]
        return menu

    def _import_menus(self) -> None:
        created: dict[tuple[str, str], MenuItem] = {}
        parents: list[tuple[MenuItem, str, str]] = []
        for item in self.menu_items:
            menu_slugs = item.term_slugs("nav_menu")
            if not menu_slugs:
                self.summary.add("menu items", "skipped")
                continue
            menu_slug = unquote(menu_slugs[0])
            menu = self.menus.get(menu_slug) or self._menu(
                wxr.Term("nav_menu", menu_slug, item.terms[0].name)
            )
            key = f"{menu_slug}:{item.wp_id}"[:300]
            if (Kind.MENU_ITEM, key) in self.origins or (Kind.MENU_ITEM, key) in self.seen:
                self.summary.add("menu items", "already imported")
                continue
            self.seen.add((Kind.MENU_ITEM, key))
            target = self._menu_target(item)
            if target is None:
                self.summary.add("menu items", "skipped")
                self.summary.note(
                    f"Skipped menu item {item.wp_id} of “{menu.name}”: what it links to is not "
                    "in the file."
                )
                continue
            entry = MenuItem(
                menu=menu, order=fields.integer(item.menu_order), label=item.title[:300],
                new_tab=item.meta.get("_menu_item_target") == "_blank", **target,
            )  # fmt: skip
            entry.save()
            created[(menu_slug, item.wp_id)] = entry
            parent = item.meta.get("_menu_item_menu_item_parent", "0")
            if parent not in ("", "0"):
                parents.append((entry, menu_slug, parent))
            self._remember(Kind.MENU_ITEM, key, entry.pk)
            self.summary.add("menu items", "imported")
        for entry, menu_slug, parent in parents:
            found = created.get((menu_slug, parent))
            if found is None and (Kind.MENU_ITEM, f"{menu_slug}:{parent}") in self.origins:
                found = MenuItem.objects.filter(
                    pk=self.origins[(Kind.MENU_ITEM, f"{menu_slug}:{parent}")]
                ).first()
            if found:
                entry.parent = found
                entry.save(update_fields=["parent"])
        self._place_header_menu()

    def _menu_target(self, item: wxr.Item) -> dict | None:
        meta = item.meta
        kind, target = meta.get("_menu_item_type", "custom"), meta.get("_menu_item_object_id", "")
        if kind == "post_type":
            post_id = self.origins.get((Kind.POST, target))
            return {"post_id": post_id} if post_id else None
        if kind == "taxonomy" and meta.get("_menu_item_object") == "category":
            found = Origin.objects.filter(
                blog=self.blog, kind=Kind.CATEGORY, key=target
            ).values_list("object_id", flat=True).first()  # fmt: skip
            return {"category_id": found} if found else None
        address = meta.get("_menu_item_url", "")
        return {"url": address[:2000]} if address else None

    def _place_header_menu(self) -> None:
        """Put one imported menu in the blog's header, unless the blog already has one there.

        WordPress keeps which menu sits where in the theme's settings, which an export
        leaves out; Byline's own export says so in a term meta. Otherwise the menu named
        like a main menu wins, or else the biggest one that is not a social links menu.
        """
        if not self.menus or Menu.header_for(self.blog):
            return
        menus = list(self.menus.values())
        chosen = next((m for m in menus if self.menu_locations.get(m.slug) == "header"), None)
        if chosen is None:
            main = re.compile(r"\b(primary|main|header|top|menu-1)\b", re.IGNORECASE)
            chosen = next((m for m in menus if main.search(m.slug) or main.search(m.name)), None)
        if chosen is None:
            sizes = {m.pk: m.items.count() for m in menus}
            candidates = [
                m for m in menus if sizes[m.pk] and not re.search(r"social|footer", m.slug)
            ]
            chosen = max(candidates, key=lambda m: (sizes[m.pk], -m.pk), default=None)
        if chosen:
            chosen.location = Menu.Location.HEADER
            chosen.save(update_fields=["location"])
