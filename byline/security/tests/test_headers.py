"""Every answer carries the security headers, and the page cache keeps them with a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import Client, RequestFactory

from byline.pagecache.middleware import storable
from byline.pagecache.store import get_store
from byline.security.headers import PERMISSIONS_POLICY, SecurityHeadersMiddleware
from tests.factories import PostFactory

TEMPLATES = Path(django_settings.BASE_DIR) / "templates"


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [p.split() for p in policy.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def assert_secured(response, where: str) -> None:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"], where
    assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"], where
    assert policy["style-src"] == ["'self'"], where
    assert policy["object-src"] == ["'none'"], where
    assert policy["base-uri"] == ["'self'"], where
    assert policy["frame-ancestors"] == ["'none'"], where
    assert policy["form-action"][0] == "'self'", where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", where
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY, where
    assert "camera=()" in response["Permissions-Policy"]


@pytest.fixture
def post(demo_blog):
    return PostFactory(blog=demo_blog, title="Headers everywhere")


def test_every_kind_of_page_carries_the_headers(guest, signed_in, alice, post):
    public = ["/", "/demo/", post.get_absolute_url(), "/demo/feed/", "/accounts/login/",
              "/accounts/signup/", "/accounts/password/reset/", "/no-such-blog/", "/demo/nope/",
              "/robots.txt"]  # fmt: skip
    for address in public:
        response = guest.get(address)
        assert response.status_code in (200, 404), address
        assert_secured(response, address)
    assert_secured(guest.get("/dashboard/"), "/dashboard/ (a redirect to sign in)")
    alice_client = signed_in(alice)
    for address in ["/dashboard/", "/dashboard/demo/", "/dashboard/demo/posts/new/",
                    f"/dashboard/demo/posts/{post.pk}/", "/read/", "/dashboard/demo/comments/",
                    "/accounts/sessions/", post.get_absolute_url()]:  # fmt: skip
        response = alice_client.get(address)
        assert response.status_code == 200, address
        assert_secured(response, address)


def test_hsts_only_over_https(guest, demo_blog, settings):
    assert "Strict-Transport-Security" not in guest.get("/demo/")
    secure = guest.get("/demo/", secure=True)
    assert secure["Strict-Transport-Security"] == f"max-age={settings.SECURE_HSTS_SECONDS}"
    assert settings.SECURE_HSTS_SECONDS >= 180 * 24 * 3600


def test_a_trusted_proxy_says_https(guest, demo_blog, settings):
    forwarded = {"HTTP_X_FORWARDED_PROTO": "https"}
    assert "Strict-Transport-Security" not in guest.get("/demo/", **forwarded)
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert "Strict-Transport-Security" in guest.get("/demo/", **forwarded)


def test_cached_pages_are_stored_and_replayed_with_their_headers(post, settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 86400
    address = post.get_absolute_url()
    first, second = Client().get(address), Client().get(address)
    assert (first["X-Byline-Cache"], second["X-Byline-Cache"]) == ("miss", "hit")
    for response in (first, second):
        assert_secured(response, response["X-Byline-Cache"])
        assert "nonce-" not in response["Content-Security-Policy"]
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    # What anything replaying the store (a fast path before Django) would send, too.
    record = get_store().get(f"http://testserver{address}", "identity")
    stored = {name.lower(): value for name, value in record.headers}
    assert stored["content-security-policy"] == first["Content-Security-Policy"]
    assert stored["permissions-policy"] == PERMISSIONS_POLICY
    assert b"nonce" not in record.body


def test_an_answer_that_used_a_nonce_is_never_stored_in_the_page_cache(post):
    def view_with_inline_script(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">go()</script>')

    request = RequestFactory().get(post.get_absolute_url())
    request.blog = post.blog
    response = SecurityHeadersMiddleware(view_with_inline_script)(request)
    nonce = request._csp_nonce
    assert f"'nonce-{nonce}'" in directives(response)["script-src"]
    assert "private" in response["Cache-Control"]
    assert not storable(request, response, post.blog.slug)

    plain = RequestFactory().get(post.get_absolute_url())
    plain.blog = post.blog
    response = SecurityHeadersMiddleware(lambda r: HttpResponse("<p>plain</p>"))(plain)
    assert "nonce-" not in response["Content-Security-Policy"]
    assert storable(plain, response, post.blog.slug)


def test_sign_in_forms_may_lead_to_the_configured_providers_only(guest, settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "github": {"APPS": [{"client_id": "a", "secret": "b", "key": ""}]},
        "openid_connect": {"APPS": [{"provider_id": "acme", "name": "Acme", "client_id": "c",
                                     "settings": {"server_url": "https://id.acme.example/o"}}]},
    }  # fmt: skip
    form_action = directives(guest.get("/accounts/login/"))["form-action"]
    assert form_action == ["'self'", "https://github.com", "https://id.acme.example"]
    # Any Mastodon server may be the reader's, so only the page that asks for one allows https:.
    settings.BYLINE_MASTODON_SIGN_IN = True
    mastodon = guest.get("/accounts/mastodon/")
    assert "https:" in directives(mastodon)["form-action"]


def test_a_provider_the_administrator_adds_may_be_led_to_at_once_and_not_after_removal(
    guest, settings, db
):
    from allauth.socialaccount.models import SocialApp

    settings.SOCIALACCOUNT_PROVIDERS = {}
    assert directives(guest.get("/accounts/login/"))["form-action"] == ["'self'"]

    corporate = SocialApp.objects.create(
        provider="openid_connect", provider_id="corp", name="Corp ID", client_id="byline",
        settings={"server_url": "https://sso.corp.example/realms/staff"},
    )  # fmt: skip
    form_action = directives(guest.get("/accounts/login/"))["form-action"]
    assert form_action == ["'self'", "https://sso.corp.example"]

    corporate.delete()
    assert directives(guest.get("/accounts/login/"))["form-action"] == ["'self'"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)


def test_no_template_holds_an_inline_script_handler_or_style():
    found = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, STYLE_ATTRIBUTE):
            found += [f"{path.relative_to(TEMPLATES)}: {m[0]}" for m in pattern.finditer(text)]
        found += [f"{path.relative_to(TEMPLATES)}: <style>" for _ in re.finditer("<style", text)]
    assert found == []
    # The scan itself sees what it looks for.
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert INLINE_HANDLER.search('<a href="#" onclick="x()">') and STYLE_ATTRIBUTE.search(
        '<p style="color:red">'
    )


def test_markdown_table_alignment_needs_no_style_attribute(post):
    post.body_markdown = "| a | b |\n|:--|--:|\n| 1 | 2 |\n"
    post.save()
    html = post.body_html
    assert "style=" not in html
    assert 'class="align-left"' in html and 'class="align-right"' in html


def test_a_nul_character_in_an_address_is_refused_not_a_server_error(guest, demo_blog):
    # PostgreSQL refuses NUL in any query: every view that looks its path up answered 500
    # (found by tests/hostile/test_fuzzing.py).
    for address in ("/demo/tag/%00/", "/demo/category/%00/", "/people/%00/", "/demo/%00/",
                    "/demo/2024/01/01/%00/", "/read/follow/x%00/"):  # fmt: skip
        response = guest.get(address)
        assert response.status_code == 400, address
        assert "NUL character" in response.content.decode()
        assert_secured(response, address)
    assert guest.get("/demo/", {"s": "harbour\x00wall"}).status_code == 200  # search cleans it


def test_the_policy_follows_the_settings(guest, demo_blog, settings):
    # Each policy text is made once per process (headers.policy): a change must still show.
    assert "connect-src" not in directives(guest.get("/demo/"))
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**policy["DIRECTIVES"], "connect-src": ["'self'", "https://api.example"]}
    }
    assert directives(guest.get("/demo/"))["connect-src"] == ["'self'", "https://api.example"]
    settings.CONTENT_SECURITY_POLICY = policy
    assert "connect-src" not in directives(guest.get("/demo/"))


def test_a_report_only_policy_goes_out_only_when_set(guest, demo_blog, settings):
    assert "Content-Security-Policy-Report-Only" not in guest.get("/accounts/login/")
    settings.SOCIALACCOUNT_PROVIDERS = {
        "github": {"APPS": [{"client_id": "a", "secret": "b", "key": ""}]},
    }
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "DIRECTIVES": {"default-src": ["'self'"], "form-action": ["'self'"],
                       "report-uri": "/csp-reports/"},
    }  # fmt: skip
    login = guest.get("/accounts/login/")
    trial = login["Content-Security-Policy-Report-Only"]
    assert "default-src 'self'" in trial and "report-uri /csp-reports/" in trial
    # The sign-in providers join the enforced policy's form-action only, as before.
    assert "form-action 'self';" in trial + ";" and "github" not in trial
    assert "https://github.com" in directives(login)["form-action"]


@pytest.mark.parametrize("update", [
    None, {}, {"form-action": ["https://github.com", "https://x.com"]},
    {"form-action": ("https://a.example",), "img-src": ["https://cdn.example"]},
    {"form-action": {"https://b.example", "https://a.example"}}, {"form-action": "https:"},
])  # fmt: skip
@pytest.mark.parametrize("report_only", [False, True])
def test_a_kept_policy_text_is_the_one_django_csp_builds(update, report_only, settings):
    from csp.middleware import PolicyParts
    from csp.utils import build_policy

    from byline.security.headers import policy

    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    for _ in range(2):  # made, then kept
        made = policy(PolicyParts(update=update), report_only)
        assert made == build_policy(update=update, report_only=report_only)
    nonce = PolicyParts(update=update, nonce="abc123")
    assert policy(nonce, report_only) == build_policy(update=update, nonce="abc123",
                                                      report_only=report_only)  # fmt: skip
