"""The dashboard, mounted at /dashboard/ by byline/urls.py (after the comments queue's and
the import's own addresses, which live below /dashboard/<blog>/ too)."""

from django.urls import path, register_converter

from byline.dashboard.views import (
    editor,
    home,
    media,
    members,
    menus,
    overview,
    posts,
    revisions,
    settings,
)  # fmt: skip


class Kind:
    """ "posts" or "pages" in an address; "post" or "page" (Post.kind) in the view."""

    regex = "posts|pages"

    def to_python(self, value: str) -> str:
        return value[:-1]

    def to_url(self, value: str) -> str:
        return value if value.endswith("s") else f"{value}s"


register_converter(Kind, "kind")

app_name = "dashboard"

urlpatterns = [
    path("", home.home, name="home"),
    path("new/", home.new_blog, name="new_blog"),
    path("join/<str:token>/", members.join, name="join"),
    path("<slug:blog>/", overview.overview, name="blog"),
    path("<slug:blog>/preview/", editor.preview, name="preview"),
    path("<slug:blog>/settings/", settings.blog_settings, name="settings"),
    path("<slug:blog>/members/", members.members, name="members"),
    path("<slug:blog>/members/<int:pk>/role/", members.change_role, name="member_role"),
    path("<slug:blog>/members/<int:pk>/remove/", members.remove_member, name="member_remove"),
    path("<slug:blog>/invitations/<int:pk>/cancel/", members.cancel_invitation,
         name="cancel_invitation"),
    path("<slug:blog>/menus/", menus.menus, name="menus"),
    path("<slug:blog>/menus/order/", menus.reorder, name="menu_order"),
    path("<slug:blog>/menus/<int:pk>/remove/", menus.remove, name="menu_remove"),
    path("<slug:blog>/media/", media.library, name="media"),
    path("<slug:blog>/media/<int:pk>/", media.media_item, name="media_item"),
    path("<slug:blog>/media/<int:pk>/delete/", media.delete_media, name="delete_media"),
    path("<slug:blog>/<kind:kind>/", posts.post_list, name="posts"),
    path("<slug:blog>/<kind:kind>/bulk/", posts.bulk, name="bulk"),
    path("<slug:blog>/<kind:kind>/new/", editor.new, name="new"),
    path("<slug:blog>/<kind:kind>/new/autosave/", editor.autosave, name="autosave_new"),
    path("<slug:blog>/<kind:kind>/<int:pk>/", editor.edit, name="edit"),
    path("<slug:blog>/<kind:kind>/<int:pk>/autosave/", editor.autosave, name="autosave"),
    path("<slug:blog>/<kind:kind>/<int:pk>/view/", editor.view, name="view"),
    path("<slug:blog>/<kind:kind>/<int:pk>/revisions/", revisions.revision_list,
         name="revisions"),
    path("<slug:blog>/<kind:kind>/<int:pk>/revisions/<int:revision>/", revisions.revision_detail,
         name="revision"),
    path("<slug:blog>/<kind:kind>/<int:pk>/revisions/<int:revision>/restore/", revisions.restore,
         name="restore"),
    # publish, draft, trash, restore, delete: see listing.ACTIONS.
    path("<slug:blog>/<kind:kind>/<int:pk>/<slug:action>/", posts.act, name="act"),
]  # fmt: skip
