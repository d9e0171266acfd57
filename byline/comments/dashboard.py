"""The comment moderation queue at /dashboard/<blog>/comments/ (issue #3).

Each view finds the blog, narrows the comments to those the user may moderate (see
queue.py for the rules), does one thing and redirects back with a message. Every change is
a POST with a CSRF token from a plain form, so the queue works without JavaScript.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from byline.blogs.models import Blog
from byline.comments import queue
from byline.comments.forms import MAX_COMMENT_CHARS
from byline.comments.models import Comment, CommentQuerySet
from byline.comments.posting import client_ip

_TEXT = forms.Textarea(attrs={"rows": 8, "cols": 60, "maxlength": MAX_COMMENT_CHARS})


class EditCommentForm(forms.ModelForm):
    content = forms.CharField(label="Comment", widget=_TEXT, max_length=MAX_COMMENT_CHARS)
    author_url = forms.URLField(label="Website", required=False, max_length=500,
                                assume_scheme="https")  # fmt: skip

    class Meta:
        model = Comment
        fields = ["content", "author_name", "author_email", "author_url"]
        labels = {"author_name": "Name", "author_email": "Email"}

    def save(self, commit=True) -> Comment:
        # Naming the fields leaves the status alone, should a moderator change it meanwhile;
        # Comment.save() renders content_html again from the new text.
        self.instance.save(update_fields=[*self.Meta.fields, "content_html"])
        return self.instance


class ReplyForm(forms.Form):
    content = forms.CharField(label="Your reply", widget=_TEXT, max_length=MAX_COMMENT_CHARS)


def _moderated(request, slug: str) -> tuple[Blog, CommentQuerySet]:
    blog = Blog.find_for_request(request, slug)
    comments = queue.moderated_by(request.user, blog)
    if comments is None:
        # 404, not 403: a stranger must not learn whose queue exists behind an address.
        raise Http404("No such page.")
    return blog, comments


def _queue_url(blog: Blog) -> str:
    return reverse("dashboard_comments:queue", kwargs={"blog": blog.slug})


def _next(request, blog: Blog) -> str:
    """Return the queue address (tab and page) to go back to, or the queue itself."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith(_queue_url(blog)) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return _queue_url(blog)


def _back(request, blog: Blog) -> HttpResponseRedirect:
    response = HttpResponseRedirect(_next(request, blog))
    response.status_code = 303  # See Other: reloading the page must not send the POST again
    return response


@login_required
@require_safe
def queue_page(request, blog: str):
    blog, comments = _moderated(request, blog)
    tab = queue.TABS.get(request.GET.get("status", "all"))
    if tab is None:
        raise Http404("No such list of comments.")
    counts = queue.counts(comments)
    context = {
        "blog": blog,
        "tab": tab,
        "tabs": [(each, counts[each.name]) for each in queue.TABS.values()],
        "page_obj": queue.page(comments, tab, request.GET.get("page")),
        "bulk_actions": [queue.ACTIONS[name] for name in tab.bulk],
        "here": request.get_full_path(),
    }
    return render(request, "comments/dashboard/queue.html", context)


@login_required
@require_POST
def act(request, blog: str, pk: int, action: str):
    blog, comments = _moderated(request, blog)
    comment = get_object_or_404(comments, pk=pk)
    chosen = queue.ACTIONS.get(action)
    if chosen is None:
        raise Http404("No such action.")
    done, _ = queue.apply(chosen, [comment])
    if done:
        messages.success(request, chosen.message(done))
    else:
        messages.warning(
            request,
            f"Nothing changed: “{chosen.label}” does not apply to a comment that is "
            f"{comment.get_status_display().lower()}.",
        )
    return _back(request, blog)


@login_required
@require_POST
def bulk(request, blog: str):
    blog, comments = _moderated(request, blog)
    chosen = queue.ACTIONS.get(request.POST.get("action", ""))
    ids = [i for i in request.POST.getlist("comment") if i.isdigit()]
    if chosen is None:
        messages.warning(request, "Choose a bulk action first, then press Apply.")
    elif not ids:
        messages.warning(request, "Tick one or more comments first, then press Apply.")
    else:
        done, skipped = queue.apply(chosen, comments.filter(pk__in=ids).order_by("pk"))
        if done:
            messages.success(request, chosen.message(done))
        if skipped:
            messages.warning(request, chosen.skipped_message(skipped))
    return _back(request, blog)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, blog: str, pk: int):
    blog, comments = _moderated(request, blog)
    comment = get_object_or_404(comments.select_related("post__blog"), pk=pk)
    if not queue.can_edit(comment):
        raise Http404("Restore the comment from the Trash to edit it.")
    form = EditCommentForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Comment updated.")
        return _back(request, blog)
    context = {"blog": blog, "comment": comment, "form": form, "back": _next(request, blog)}
    return render(request, "comments/dashboard/edit.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reply(request, blog: str, pk: int):
    blog, comments = _moderated(request, blog)
    parent = get_object_or_404(comments.select_related("post__blog"), pk=pk)
    if not queue.can_reply(parent):
        raise Http404("Only approved or pending comments take replies.")
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        held = parent.status == Comment.Status.PENDING
        agent = request.META.get("HTTP_USER_AGENT", "")
        text = form.cleaned_data["content"]
        queue.reply(parent, request.user, text, ip=client_ip(request), agent=agent)
        messages.success(request, "Comment approved and reply posted." if held else "Reply posted.")
        return _back(request, blog)
    context = {"blog": blog, "comment": parent, "form": form, "back": _next(request, blog)}
    return render(request, "comments/dashboard/reply.html", context)
