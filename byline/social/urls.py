"""The social addresses, under two platform words no blog can take: /read/ and /notifications/.

/notifications/confirm/ and /notifications/unsubscribe/ belong to byline.subscriptions;
these never use those words.
"""

from django.urls import path

from byline.social.views import following, likes, notifications, reader

app_name = "social"

urlpatterns = [
    path("read/", reader.reader, name="reader"),
    path("read/discover/", reader.discover, name="discover"),
    path("read/like/post/<int:pk>/", likes.like_post, name="like_post"),
    path("read/like/comment/<int:pk>/", likes.like_comment, name="like_comment"),
    path("read/follow/<slug:blog>/", following.follow, name="follow"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/<int:pk>/", notifications.open_notification, name="open"),
    path("notifications/read/", notifications.mark_read, name="mark_all_read"),
    path("notifications/read/<int:pk>/", notifications.mark_read, name="mark_read"),
    path("notifications/email/", notifications.email_choices, name="email_choices"),
    path("notifications/email/stop/<str:token>/", notifications.stop_emails, name="stop_emails"),
]
