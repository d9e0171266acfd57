"""The same provider answering at WordPress.com's addresses, for Byline's WordPress.com
sign-in (byline/accounts/providers/wordpress_com): /oauth2/authorize, /oauth2/token and
/rest/v1/me, with /me's JSON in WordPress.com's shape."""

from django.http import JsonResponse
from oauth2_provider.decorators import protected_resource


@protected_resource(scopes=["auth"])
def me(request):
    user = request.resource_owner
    return JsonResponse({
        "ID": 9000 + user.pk,
        "username": f"{user.username}wp",
        "display_name": f"{user.get_full_name()} (WordPress)",
        "email": user.email,
        "email_verified": True,
        "profile_URL": f"https://gravatar.example/{user.username}",
    })  # fmt: skip
