"""The Follow button of a blog, and a guest's "email me new posts" form beside it."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from byline.accounts.views import own_path
from byline.blogs.models import Blog
from byline.comments import spam
from byline.comments.posting import client_ip
from byline.pagecache.csrf import checked_for_signed_in_readers
from byline.security.ratelimits import limited
from byline.social import following
from byline.social.models import Follow
from byline.social.views import acting


class GuestEmailForm(forms.Form):
    follow_email = forms.EmailField(max_length=254, error_messages={
        "required": "Type your email address to get new posts by email.",
        "invalid": "That does not look like an email address; check it and send it again.",
    })  # fmt: skip


@never_cache
@checked_for_signed_in_readers
@require_http_methods(["GET", "HEAD", "POST"])
@limited("follow")  # 429 with Retry-After past ACCOUNT_RATE_LIMITS["follow"]
def follow(request, blog: str):
    blog = Blog.find_for_request(request, blog)
    back = own_path(request.POST.get("next") or request.GET.get("next") or blog.get_absolute_url())
    user = request.user
    if not user.is_authenticated:
        if request.method == "POST" and "follow_email" in request.POST:
            return _subscribe_guest(request, blog, back)
        return acting.sign_in_first(request) if request.method == "POST" else _see_other(back)
    if request.method == "POST":
        action = request.POST.get("action", "follow")
        if action == "follow":
            following.follow(user, blog)
        elif action == "unfollow":
            following.unfollow(user, blog)
        else:
            context = {"message": "Send action=follow or action=unfollow."}
            return render(request, "social/bad_request.html", context, status=400)
    elif acting.asked_before_signing_in(request):
        following.follow(user, blog)
    else:
        return acting.confirm(request, question=f"Follow {blog.title}?", button="Follow",
                              action=request.path, back=back)  # fmt: skip
    if acting.is_htmx(request):
        following_now = Follow.objects.filter(user=user, blog=blog).exists()
        context = {"blog": blog, "following": following_now, "next": back}
        return render(request, "social/_follow.html", context)
    return _see_other(back)


def _subscribe_guest(request, blog: Blog, back: str):
    form = GuestEmailForm(request.POST)
    context = {"blog": blog, "form": form, "back": back}
    if not form.is_valid():
        return render(request, "social/subscribe.html", context, status=400)
    email = form.cleaned_data["follow_email"]
    if spam.over_rate_limit(f"subscribe-ip:{client_ip(request)}", f"subscribe:{email}"):
        context["too_fast"] = True
        return render(request, "social/subscribe.html", context, status=429)
    following.subscribe_guest(blog, email)
    context["sent_to"] = email.lower()  # as stored, and as the email will be addressed
    return render(request, "social/subscribe.html", context)


def _see_other(url: str):
    response = redirect(url)
    response.status_code = 303
    return response
