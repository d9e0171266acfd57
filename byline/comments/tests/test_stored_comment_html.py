"""A comment's HTML is sanitized once, when stored, and again whenever the rules have changed.

Comment.content_html holds nh3's output and content_html_rules the rules it was made under
(rendering.RULES). A page trusts stored HTML only when those are today's rules; any other
row (an older release, a changed allowlist, a row written around save()) is cleaned again
as it is shown, and `byline worker` renders it afresh from what its writer typed.
"""

from __future__ import annotations

import importlib

from django.db import connection

from byline.comments import rendering
from byline.comments.models import Comment
from byline.platform import periodic
from tests.factories import PostFactory
from tests.hostile.inertness import parse, problems_in

HOSTILE = 'Look <img src=x onerror=alert(1)> <a href="javascript:alert(2)">here</a> <b>ok</b>'
# What an older, laxer release might have stored for it.
UNSAFE_HTML = '<p>Look <img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">here</a></p>'


def test_saving_stores_sanitized_html_under_todays_rules(demo_blog):
    comment = Comment.objects.create(post=PostFactory(blog=demo_blog), author_name="M",
                                     content=HOSTILE, status="approved")  # fmt: skip
    comment.refresh_from_db()
    assert comment.content_html == rendering.render_comment(HOSTILE)
    assert comment.content_html_rules == rendering.RULES
    assert problems_in(parse(comment.content_html)) == []
    assert "<b>ok</b>" in comment.content_html  # the allowlist still lets its tags through


def test_an_edit_renders_and_stamps_the_html_again(demo_blog):
    comment = Comment.objects.create(post=PostFactory(blog=demo_blog), author_name="M",
                                     content="first", status="approved")  # fmt: skip
    Comment.objects.filter(pk=comment.pk).update(content_html_rules="older")
    comment.content = HOSTILE
    comment.save(update_fields=["content"])
    comment.refresh_from_db()
    assert (comment.content_html, comment.content_html_rules) == (
        rendering.render_comment(HOSTILE),
        rendering.RULES,
    )


def test_html_stored_under_other_rules_is_cleaned_on_the_page(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    comment = Comment.objects.create(post=post, author_name="M", content="x", status="approved")
    Comment.objects.filter(pk=comment.pk).update(content_html=UNSAFE_HTML, content_html_rules="")
    page = parse(guest.get(post.get_absolute_url()).content)
    shown = page.select_one(f"#comment-{comment.pk} .comment-content")
    assert "Look" in shown.get_text()
    assert problems_in(shown) == []


def test_the_rules_fingerprint_covers_the_allowlist():
    """Widening the allowlist changes RULES, so HTML stored before is no longer trusted."""
    assert rendering.rules_fingerprint() == rendering.RULES
    assert rendering.rules_fingerprint(tags=rendering.ALLOWED_TAGS | {"img"}) != rendering.RULES
    wider = {**rendering.ALLOWED_ATTRIBUTES, "b": {"style"}}
    assert rendering.rules_fingerprint(attributes=wider) != rendering.RULES
    assert rendering.rules_fingerprint(schemes={"http", "https", "data"}) != rendering.RULES


def test_the_worker_renders_stale_rows_again_and_leaves_fresh_ones(demo_blog):
    post = PostFactory(blog=demo_blog)
    stale = [Comment.objects.create(post=post, author_name="M", content=f"{HOSTILE} {n}",
                                    status="approved") for n in range(3)]  # fmt: skip
    fresh = Comment.objects.create(post=post, author_name="M", content="fine", status="approved")
    Comment.objects.filter(pk__in=[c.pk for c in stale]).update(
        content_html=UNSAFE_HTML, content_html_rules="0ld"
    )
    said = []
    periodic.run_jobs(said.append)
    assert any("3 comments rendered again" in line for line in said), said
    for comment in Comment.objects.filter(pk__in=[c.pk for c in stale]):
        assert comment.content_html == rendering.render_comment(comment.content)
        assert comment.content_html_rules == rendering.RULES
    assert not Comment.objects.with_stale_html().exists()
    fresh_row = Comment.objects.get(pk=fresh.pk)
    assert (fresh_row.content_html, fresh_row.content_html_rules) == (
        fresh.content_html,
        rendering.RULES,
    )
    said.clear()
    periodic.run_jobs(said.append)
    assert not any("rendered again" in line for line in said), said


def test_the_worker_never_overwrites_an_edit_made_meanwhile(demo_blog):
    """A row edited between the worker's read and its write keeps the edit's HTML."""
    comment = Comment.objects.create(post=PostFactory(blog=demo_blog), author_name="M",
                                     content="old words", status="approved")  # fmt: skip
    Comment.objects.filter(pk=comment.pk).update(content_html_rules="0ld")
    stale_rows = Comment.objects.with_stale_html()
    seen = list(stale_rows.values_list("pk", "content", "content_html_rules"))  # the worker's read
    comment.content = "new words"
    comment.save(update_fields=["content"])  # the moderator's edit, now
    assert [Comment.objects.render_again(*row) for row in seen] == [0]  # the worker's write
    assert "new words" in Comment.objects.get(pk=comment.pk).content_html


def test_the_migration_renders_every_existing_comment(demo_blog):
    migration = importlib.import_module("byline.comments.migrations.0002_stored_html_rules")
    post = PostFactory(blog=demo_blog)
    rows = [Comment.objects.create(post=post, author_name="M", content=f"{HOSTILE} {n}",
                                   status="approved") for n in range(5)]  # fmt: skip
    Comment.objects.filter(post=post).update(content_html=UNSAFE_HTML, content_html_rules="")

    class SchemaEditor:
        pass

    SchemaEditor.connection = connection
    from django.apps import apps

    migration.render_existing(apps, SchemaEditor())
    for comment in Comment.objects.filter(pk__in=[r.pk for r in rows]):
        assert comment.content_html == rendering.render_comment(comment.content)
        assert comment.content_html_rules == rendering.RULES
        assert problems_in(parse(comment.content_html)) == []
