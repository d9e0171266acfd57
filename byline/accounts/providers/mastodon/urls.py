from django.urls import include, path

from byline.accounts.providers.mastodon import views

urlpatterns = [
    path("mastodon/<str:instance>/", include([
        path("login/", views.oauth2_login, name="mastodon_login"),
        path("login/callback/", views.oauth2_callback, name="mastodon_callback"),
    ])),
]  # fmt: skip
