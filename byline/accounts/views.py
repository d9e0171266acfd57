"""Byline's own account pages; allauth serves log in, sign up, email, password and 2FA."""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import get_adapter as account_adapter
from allauth.account.decorators import reauthentication_required
from allauth.socialaccount.adapter import get_adapter as social_adapter
from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from byline.accounts import drafts, identity, lifecycle
from byline.accounts.forms import DeleteAccountForm, ProfileForm
from byline.accounts.models import User
from byline.accounts.providers.mastodon import instances
from byline.blogs.models import Membership
from byline.pagecache.csrf import checked_for_signed_in_readers
from byline.subscriptions.emails import unsubscribe_link

ONE_YEAR = 365 * 24 * 3600


def own_path(url: str) -> str:
    """Return the path of a URL on this platform, or "/" for anything that leaves it."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=set()):
        return urlsplit(url).path or "/"
    return "/"


@require_POST
@checked_for_signed_in_readers  # the icons are buttons of a form a cached page carries
def comment_sign_in(request):
    """Keep the typed comment, then start the sign-in the clicked icon asks for.

    The icons (and "Change") are submit buttons of the comment form, so this works the
    same with or without JavaScript.
    """
    path = own_path(request.GET.get("next", ""))
    back = f"{path}#respond"
    typed = (request.POST.get("comment", ""), request.POST.get("parent", ""))
    if "change" in request.POST:
        account_adapter(request).logout(request)  # a new session: keep the draft after it
        drafts.stash(request, path, *typed)
        return redirect(back)
    drafts.stash(request, path, *typed)
    choice = request.POST.get("sign_in", "")
    if choice == identity.BYLINE:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': back})}")
    if choice == identity.MASTODON and django_settings.BYLINE_MASTODON_SIGN_IN:
        return redirect(f"{reverse('accounts:mastodon')}?{urlencode({'next': path})}")
    provider = identity.provider_named(request, choice)
    if provider is None:
        context = {"back": back}
        return render(request, "accounts/no_such_provider.html", context, status=400)
    return _connecting(request, provider, back, provider.name)


def _connecting(request, provider, back: str, name: str):
    """Start the provider's sign-in (state and PKCE kept in the session) and say so."""
    response = provider.redirect(request, process="login", next_url=back)
    if response.status_code != 302:
        return response  # allauth's own error page
    context = {"provider": provider, "name": name, "url": response["Location"], "back": back}
    return render(request, "accounts/connecting.html", context)


@checked_for_signed_in_readers  # reached from the comment form's Mastodon icon
def mastodon(request):
    """Ask which Mastodon server the reader's account is on, then sign in there."""
    if not django_settings.BYLINE_MASTODON_SIGN_IN:
        raise Http404("Mastodon sign-in is not offered here.")
    path = own_path(request.GET.get("next", ""))
    back, problem, answer = f"{path}#respond", "", request.POST.get("server", "")
    if request.method == "POST":
        try:
            domain = instances.domain_of(answer)
            instances.app_for(request, domain)
            provider = social_adapter(request).get_provider(request, domain)
            return _connecting(request, provider, back, domain)
        except instances.NotAServer as refusal:
            problem = str(refusal)
    context = {"back": back, "problem": problem, "answer": answer}
    return render(request, "accounts/mastodon.html", context, status=400 if problem else 200)


def profile(request, username: str):
    person = get_object_or_404(User, username=username, is_active=True)
    memberships = (
        Membership.objects.filter(user=person).select_related("blog").order_by("blog__title")
    )
    context = {"person": person, "blogs": [m.blog for m in memberships]}
    return render(request, "accounts/profile.html", context)


@require_GET
@cache_control(public=True, max_age=ONE_YEAR, immutable=True)
def avatar(request, username: str, name: str):
    person = get_object_or_404(User, username=username, is_active=True)
    if not person.avatar or person.avatar.name.rsplit("/", 1)[-1] != f"{name}.png":
        raise Http404("No such picture.")
    return FileResponse(person.avatar.open("rb"), content_type="image/png")


@login_required
def settings(request):
    form = ProfileForm(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:settings")
    subscriptions = request.user.subscriptions.select_related("blog", "post__blog")
    follows = [(s, unsubscribe_link(subscription=s)) for s in subscriptions]
    context = {"form": form, "follows": follows}
    return render(request, "accounts/settings.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def export(request):
    body = json.dumps(lifecycle.export(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"byline-{request.user.username}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@reauthentication_required
def delete(request):
    form = DeleteAccountForm(request.POST or None)
    blocker = lifecycle.why_not_deletable(request.user)
    if request.method == "POST" and not blocker and form.is_valid():
        user = request.user
        account_adapter(request).logout(request)
        lifecycle.delete_account(user, delete_comments=form.cleaned_data["comments"] == "delete")
        messages.success(request, "Your account is deleted. Thank you for being here.")
        return redirect("platform:home")
    context = {"form": form, "blocker": blocker}
    return render(request, "accounts/delete.html", context, status=400 if form.errors else 200)
