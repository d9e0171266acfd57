"""Bulk actions on the posts list: trash, restore, delete for good, publish, back to drafts.

Each ticked post is checked against the user's role; the ones the role does not allow are
left alone and counted in the message.
"""

from __future__ import annotations

from byline.dashboard.tests.writing import messages_on, url
from byline.posts.models import Post
from tests.factories import PostFactory

S = Post.Status


def bulk(client, blog, action, posts, kind="post"):
    data = {"action": action, "post": [p.pk for p in posts]}
    return client.post(url("bulk", blog, kind=kind), data, follow=True)


def statuses(*posts) -> list[str]:
    return [Post.objects.get(pk=p.pk).status for p in posts]


def test_trash_restore_and_delete_permanently(signed_in, alice, demo_blog):
    posts = [PostFactory(blog=demo_blog, author=alice) for _ in range(3)]
    client = signed_in(alice)

    done = bulk(client, demo_blog, "trash", posts[:2])

    assert statuses(*posts) == [S.TRASH, S.TRASH, S.PUBLISHED]
    assert "2 posts moved to the Trash." in messages_on(done)
    assert client.get(posts[0].get_absolute_url()).status_code == 404

    bulk(client, demo_blog, "restore", posts[:1])
    assert statuses(*posts) == [S.DRAFT, S.TRASH, S.PUBLISHED]  # back as a draft, as in WordPress

    done = bulk(client, demo_blog, "delete", posts)  # only the trashed one goes
    assert "1 post permanently deleted." in messages_on(done)
    assert any("2 posts left as they were" in m for m in messages_on(done))
    assert Post.objects.count() == 2


def test_editor_publishes_the_posts_waiting_for_review(signed_in, bob, cora, demo_blog):
    waiting = [PostFactory(blog=demo_blog, author=cora, status=S.PENDING, published_at=None)
               for _ in range(2)]  # fmt: skip

    done = bulk(signed_in(bob), demo_blog, "publish", waiting)

    assert statuses(*waiting) == [S.PUBLISHED, S.PUBLISHED]
    assert "2 posts published." in messages_on(done)


def test_contributor_cannot_bulk_publish_her_own_drafts(signed_in, cora, demo_blog):
    draft = PostFactory(blog=demo_blog, author=cora, status=S.DRAFT, published_at=None)

    done = bulk(signed_in(cora), demo_blog, "publish", [draft])

    assert statuses(draft) == [S.DRAFT]
    assert any("1 post left as they were" in m for m in messages_on(done))


def test_author_trashes_his_posts_but_not_others(signed_in, amir, alice, demo_blog):
    his, hers = PostFactory(blog=demo_blog, author=amir), PostFactory(blog=demo_blog, author=alice)

    bulk(signed_in(amir), demo_blog, "trash", [his, hers])

    assert statuses(his, hers) == [S.TRASH, S.PUBLISHED]


def test_row_buttons_act_on_one_post(signed_in, alice, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice)
    client = signed_in(alice)

    client.post(url("act", demo_blog, kind="post", pk=post.pk, action="trash"))
    assert statuses(post) == [S.TRASH]
    client.post(url("act", demo_blog, kind="post", pk=post.pk, action="delete"))
    assert not Post.objects.exists()


def test_bulk_without_a_choice_says_what_to_do(signed_in, alice, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice)
    client = signed_in(alice)

    assert "Choose a bulk action first" in messages_on(bulk(client, demo_blog, "", [post]))[0]
    assert "Tick one or more posts" in messages_on(bulk(client, demo_blog, "trash", []))[0]
