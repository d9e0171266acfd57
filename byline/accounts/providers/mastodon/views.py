from __future__ import annotations

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import (
    OAuth2Adapter,
    OAuth2CallbackView,
    OAuth2LoginView,
)
from allauth.utils import build_absolute_uri
from django.http import Http404
from django.urls import reverse


class MastodonOAuth2Adapter(OAuth2Adapter):
    def __init__(self, request, instance: str) -> None:
        self.provider_id = instance  # the app's provider_id: the server's domain
        super().__init__(request)

    @property
    def base(self) -> str:
        return self.get_provider().app.settings["base_url"]

    @property
    def authorize_url(self) -> str:
        return f"{self.base}/oauth/authorize"

    @property
    def access_token_url(self) -> str:
        return f"{self.base}/oauth/token"

    def get_callback_url(self, request, app):
        callback = reverse("mastodon_callback", kwargs={"instance": self.provider_id})
        return build_absolute_uri(request, callback, self.redirect_uri_protocol)

    def complete_login(self, request, app, token, **kwargs):
        with get_adapter().get_requests_session() as session:
            answer = session.get(f"{self.base}/api/v1/accounts/verify_credentials",
                                 headers={"Authorization": f"Bearer {token.token}"})  # fmt: skip
            answer.raise_for_status()
        return self.get_provider().sociallogin_from_response(request, answer.json())


def _view(view_class):
    def view(request, instance: str):
        try:
            return view_class.adapter_view(MastodonOAuth2Adapter(request, instance))(request)
        except SocialApp.DoesNotExist:
            raise Http404("Byline is not registered with that server.") from None

    return view


oauth2_login = _view(OAuth2LoginView)
oauth2_callback = _view(OAuth2CallbackView)
