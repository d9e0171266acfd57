"""The synthetic exports the benchmark uses import completely, in batches of writes."""

from __future__ import annotations

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.comments.models import Comment
from byline.media.models import MediaItem
from byline.porting import synthetic, wxr
from byline.porting.tests.conftest import import_into
from byline.posts.models import Category, Post


def synthetic_file(**numbers) -> io.BytesIO:
    out = io.StringIO()
    synthetic.generate(out, **numbers)
    return io.BytesIO(out.getvalue().encode())


def test_the_same_arguments_make_the_same_file():
    assert (
        synthetic_file(posts=5, comments=20).getvalue()
        == synthetic_file(posts=5, comments=20).getvalue()
    )
    assert synthetic_file(posts=5, seed=1).getvalue() != synthetic_file(posts=5, seed=2).getvalue()


def test_a_synthetic_export_holds_what_was_asked_and_imports_whole(new_blog):
    source = synthetic_file(posts=40, comments=400, pages=6, attachments=5, categories=8, tags=10)
    survey = wxr.survey(source)
    assert survey.post_types == {"post": 40, "page": 6, "attachment": 5}
    assert survey.comments == 400

    summary = import_into(new_blog, source)

    assert Post.objects.filter(blog=new_blog, kind="post").count() == 40
    assert Post.objects.filter(blog=new_blog, kind="page").count() == 6
    assert MediaItem.objects.filter(blog=new_blog).count() == 5
    assert Comment.objects.for_blog(new_blog).count() == 400
    assert Category.objects.filter(blog=new_blog, parent__isnull=False).exists()
    assert Comment.objects.for_blog(new_blog).filter(parent__isnull=False).exists()
    assert summary.count("comments") == 400


def queries_to_import(blog, **numbers) -> int:
    with CaptureQueriesContext(connection) as captured:
        import_into(blog, synthetic_file(pages=0, attachments=0, **numbers))
    return len(captured)


def test_writes_are_batched_so_queries_do_not_grow_with_comments(new_blog, demo_blog):
    few = queries_to_import(new_blog, posts=20, comments=20)
    many = queries_to_import(demo_blog, posts=20, comments=2000)

    # A hundred times the comments (1,980 more) costs some queries more, one or two for each
    # level of the reply threads and each thousand rows, never one per comment.
    assert many - few < 100
