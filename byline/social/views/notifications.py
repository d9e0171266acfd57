"""A person's notifications: the list, marking them read, and which ones come by email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from byline.accounts.models import User
from byline.social import emails, preferences
from byline.social.preferences import EmailChoicesForm

PER_PAGE = 50


@never_cache
@login_required
@require_safe
def notification_list(request):
    rows = request.user.notifications.current().for_listing()
    paginator = Paginator(rows, PER_PAGE, allow_empty_first_page=True)
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page of notifications.") from None
    items = [(n, emails.sentence(n)) for n in page_obj.object_list]
    context = {"page_obj": page_obj, "items": items, "section": "notifications"}
    return render(request, "social/notifications.html", context)


@never_cache
@login_required
@require_safe
def open_notification(request, pk: int):
    """Mark one notification read and go to what it is about."""
    notification = get_object_or_404(request.user.notifications.current().for_listing(), pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.get_absolute_url())


@login_required
@require_POST
def mark_read(request, pk: int | None = None):
    mine = request.user.notifications.all()
    if pk is not None:
        mine = mine.filter(pk=pk)
        if not mine.exists():
            raise Http404("No such notification.")
    mine.mark_read()
    response = redirect("social:notifications")
    response.status_code = 303
    return response


@never_cache
@login_required
def email_choices(request):
    form = EmailChoicesForm(request.POST or None,
                            initial=EmailChoicesForm.initial_for(request.user))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        form.save(request.user)
        messages.success(request, "Your email choices are saved.")
        return redirect("social:email_choices")
    return render(request, "social/email_choices.html", {"form": form})


# RFC 8058: a mail program POSTs here with no cookie and no CSRF token when the reader
# presses its "Unsubscribe" button; a GET (a person following the link, or a link
# checker) only shows the button.
@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def stop_emails(request, token: str):
    """Turn off the kinds of notification email named by a link in one of them."""
    named = emails.read_stop_token(token)
    person = User.objects.filter(pk=named[0]).first() if named else None
    if person is None:
        context = {"message": "This link is damaged or its account is gone: nothing changed."}
        return render(request, "social/bad_request.html", context, status=400)
    kinds = named[1]
    done = request.method == "POST"
    if done:
        preferences.stop(person, kinds)
    labels = [preferences.Kind(k).label.lower() for k in kinds]
    return render(request, "social/stop_emails.html", {"labels": labels, "done": done})
