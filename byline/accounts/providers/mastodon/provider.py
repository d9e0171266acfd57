from __future__ import annotations

from allauth.socialaccount.providers.base import ProviderAccount
from allauth.socialaccount.providers.oauth2.provider import OAuth2Provider
from django.urls import reverse
from django.utils.http import urlencode

from byline.accounts.providers.mastodon.views import MastodonOAuth2Adapter


class MastodonAccount(ProviderAccount):
    def get_profile_url(self):
        return self.account.extra_data.get("url")

    def to_str(self):
        data = self.account.extra_data
        return f"@{data.get('username')}@{self.account.provider}" if data else super().to_str()


class MastodonProvider(OAuth2Provider):
    id = "mastodon"
    name = "Mastodon"
    account_class = MastodonAccount
    oauth2_adapter_class = MastodonOAuth2Adapter
    pkce_enabled_default = True

    def get_login_url(self, request, **kwargs):
        url = reverse("mastodon_login", kwargs={"instance": self.app.provider_id})
        return f"{url}?{urlencode(kwargs)}" if kwargs else url

    def get_oauth2_adapter(self, request):
        return self.oauth2_adapter_class(request, self.app.provider_id)

    def get_default_scope(self):
        return ["read:accounts"]

    def extract_uid(self, data):
        return str(data["id"])

    def extract_common_fields(self, data):
        return {"username": data.get("username"),
                "name": data.get("display_name") or data.get("username")}  # fmt: skip


provider_classes = [MastodonProvider]
