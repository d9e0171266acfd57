"""The same provider answering as a Mastodon server, for Byline's Mastodon sign-in
(byline/accounts/providers/mastodon): apps register at /api/v1/apps, people sign in
through /oauth/authorize and /oauth/token, and /api/v1/accounts/verify_credentials says
who they are, in Mastodon's shape."""

import secrets

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oauth2_provider.decorators import protected_resource
from oauth2_provider.models import Application


@csrf_exempt
@require_POST
def register_app(request):
    secret = secrets.token_urlsafe(24)
    app = Application.objects.create(
        name=request.POST.get("client_name", "app"),
        client_id=f"mastodon-{secrets.token_hex(8)}",
        client_secret=secret,  # stored hashed; the plain one is shown once, as Mastodon does
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=request.POST["redirect_uris"],
        skip_authorization=True,
    )
    return JsonResponse({"id": str(app.pk), "name": app.name, "client_id": app.client_id,
                         "client_secret": secret, "redirect_uri": app.redirect_uris})  # fmt: skip


@protected_resource(scopes=["read:accounts"])
def verify_credentials(request):
    user = request.resource_owner
    base = request.build_absolute_uri("/").rstrip("/")
    return JsonResponse({"id": str(109000 + user.pk), "username": user.username,
                         "acct": user.username, "display_name": f"{user.first_name} on Mastodon",
                         "url": f"{base}/@{user.username}"})  # fmt: skip
