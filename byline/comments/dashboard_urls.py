"""The comment moderation queue, mounted at /dashboard/<blog>/comments/ by byline/urls.py."""

from django.urls import path

from byline.comments import dashboard

app_name = "dashboard_comments"

urlpatterns = [
    path("", dashboard.queue_page, name="queue"),
    path("bulk/", dashboard.bulk, name="bulk"),
    path("<int:pk>/edit/", dashboard.edit, name="edit"),
    path("<int:pk>/reply/", dashboard.reply, name="reply"),
    # approve, unapprove, spam, unspam, trash, restore, delete: see queue.ACTIONS.
    path("<int:pk>/<slug:action>/", dashboard.act, name="act"),
]
