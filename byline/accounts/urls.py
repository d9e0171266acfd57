from django.urls import path

from byline.accounts import views

app_name = "accounts"

urlpatterns = [
    path("accounts/comment-sign-in/", views.comment_sign_in, name="comment_sign_in"),
    path("accounts/mastodon/", views.mastodon, name="mastodon"),
    path("accounts/profile/", views.settings, name="settings"),
    path("accounts/export/", views.export, name="export"),
    path("accounts/delete/", views.delete, name="delete"),
    path("people/<str:username>/", views.profile, name="profile"),
    path("people/<str:username>/picture/<str:name>.png", views.avatar, name="avatar"),
]
