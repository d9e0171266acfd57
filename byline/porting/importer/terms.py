"""Categories (with their hierarchy) and tags, declared at the top of a WXR file or on items."""

from __future__ import annotations

from urllib.parse import unquote

from byline.porting import fields, wxr
from byline.porting.models import Origin
from byline.posts.models import Category, Tag

Kind = Origin.Kind


class TermImport:
    """The Importer's handling of <wp:category>, <wp:tag>, <wp:term> and items' terms."""

    def _term(self, term: wxr.Term) -> None:
        if term.taxonomy == "category":
            self._category(term)
        elif term.taxonomy == "post_tag":
            self._tag(term)
        elif term.taxonomy == "nav_menu":
            self._menu(term)

    def _category(self, term: wxr.Term) -> Category | None:
        wp_slug = term.slug or term.name
        if not wp_slug or wp_slug in self.categories_by_wp:
            return self.categories_by_wp.get(wp_slug)
        slug, why = fields.adapt_slug(wp_slug, term.name, "category")
        category = self.categories.get(slug)
        if category is None:
            category = Category(
                blog=self.blog, name=(term.name or slug)[:200], slug=slug,
                description=term.description,
            )  # fmt: skip
            parent = self.categories_by_wp.get(term.parent) if term.parent else None
            category.parent = parent
            category.save()
            self.categories[slug] = category
            self.summary.add("categories", "imported")
            if why:
                self.summary.note(f"Category “{term.name}”: slug “{slug}”, since {why}")
            if term.parent and parent is None:
                self.pending_category_parents.append((category, term.parent))
        else:
            self.summary.add("categories", "already there")
        self.categories_by_wp[wp_slug] = category
        key = (term.wp_id or f"slug:{wp_slug}")[:300]
        if (Kind.CATEGORY, key) not in self.origins:
            old = "category/" + "/".join(self._category_wp_path(term))
            self._remember(Kind.CATEGORY, key, category.pk, old_path=old)
            self._save_origins()
        return category

    def _category_wp_path(self, term: wxr.Term) -> list[str]:
        parents = []
        parent = self.categories_by_wp.get(term.parent) if term.parent else None
        while parent is not None and len(parents) < 50:
            parents.insert(0, parent.slug)
            parent = parent.parent
        return [*parents, unquote(term.slug)]

    def _tag(self, term: wxr.Term) -> Tag | None:
        wp_slug = term.slug or term.name
        if not wp_slug or wp_slug in self.tags_by_wp:
            return self.tags_by_wp.get(wp_slug)
        slug = fields.tag_slug(wp_slug, term.name)
        tag = self.tags.get(slug)
        if tag is None:
            tag = Tag.objects.create(blog=self.blog, name=(term.name or slug)[:200], slug=slug)
            self.tags[slug] = tag
            self.summary.add("tags", "imported")
        else:
            self.summary.add("tags", "already there")
        self.tags_by_wp[wp_slug] = tag
        key = (term.wp_id or f"slug:{wp_slug}")[:300]
        if (Kind.TAG, key) not in self.origins:
            self._remember(Kind.TAG, key, tag.pk, old_path=f"tag/{unquote(wp_slug)}")
            self._save_origins()
        return tag

    def _item_terms(self, item: wxr.Item) -> tuple[list[Category], list[Tag]]:
        categories, tags = [], []
        for term in item.terms:
            if term.domain == "category":
                found = self.categories_by_wp.get(term.slug) or self._undeclared(term)
                if found and found not in categories:
                    categories.append(found)
            elif term.domain == "post_tag":
                found = self.tags_by_wp.get(term.slug) or self._undeclared(term)
                if found and found not in tags:
                    tags.append(found)
        return categories, tags

    def _undeclared(self, term: wxr.ItemTerm) -> Category | Tag | None:
        """Return the category or tag an item names that the file's lists do not hold.

        WordPress lists every category and tag of a site at the top of its export, so the
        list decides: an item's term is matched by name when its slug differs (hand-edited
        files), and left out, with a note, when the list lacks it. A file with no list at
        all (written by another tool) gets its terms from its items.
        """
        declared = self.categories_by_wp if term.domain == "category" else self.tags_by_wp
        if declared:
            name = term.name.strip().lower()
            found = next((t for t in declared.values() if t.name.lower() == name), None)
            if found is None:
                self.undeclared[(term.domain, term.slug, term.name)] += 1
            return found
        declare = self._category if term.domain == "category" else self._tag
        taxonomy = "category" if term.domain == "category" else "post_tag"
        return declare(wxr.Term(taxonomy, term.slug, term.name))
