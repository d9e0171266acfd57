from __future__ import annotations

from allauth.socialaccount import app_settings
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.oauth2.views import (
    OAuth2Adapter,
    OAuth2CallbackView,
    OAuth2LoginView,
)

DEFAULT_API = "https://public-api.wordpress.com"


class WordPressComOAuth2Adapter(OAuth2Adapter):
    provider_id = "wordpress_com"

    @property
    def api(self) -> str:
        # API_URL exists for the tests, which point it at a provider on loopback.
        return app_settings.PROVIDERS.get(self.provider_id, {}).get("API_URL", DEFAULT_API)

    @property
    def authorize_url(self) -> str:
        return f"{self.api}/oauth2/authorize"

    @property
    def access_token_url(self) -> str:
        return f"{self.api}/oauth2/token"

    def complete_login(self, request, app, token, **kwargs):
        with get_adapter().get_requests_session() as session:
            answer = session.get(f"{self.api}/rest/v1/me",
                                 headers={"Authorization": f"Bearer {token.token}"})  # fmt: skip
            answer.raise_for_status()
            me = answer.json()
        return self.get_provider().sociallogin_from_response(request, me)


oauth2_login = OAuth2LoginView.adapter_view(WordPressComOAuth2Adapter)
oauth2_callback = OAuth2CallbackView.adapter_view(WordPressComOAuth2Adapter)
