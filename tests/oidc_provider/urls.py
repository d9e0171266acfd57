from django.contrib.auth.views import LoginView
from django.urls import include, path
from oauth2_provider import views as oauth2_views

from tests.oidc_provider import mastodon, wordpress_com

urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", LoginView.as_view(template_name="idp_login.html"), name="login"),
    path("oauth2/authorize", oauth2_views.AuthorizationView.as_view()),
    path("oauth2/token", oauth2_views.TokenView.as_view()),
    path("rest/v1/me", wordpress_com.me),
    path("api/v1/apps", mastodon.register_app),
    path("oauth/authorize", oauth2_views.AuthorizationView.as_view()),
    path("oauth/token", oauth2_views.TokenView.as_view()),
    path("api/v1/accounts/verify_credentials", mastodon.verify_credentials),
]
