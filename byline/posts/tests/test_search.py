"""Blog search at /<blog>/?s=words: full-text, best matches first, never an error page.

The same tests run on SQLite (FTS5) and PostgreSQL (tsvector), so both engines must
agree on what a reader's words mean.
"""

import pytest

from byline.posts.tests.reading import ago, html, listed_titles
from tests.factories import PostFactory


@pytest.fixture
def notes(demo_blog):
    PostFactory(
        blog=demo_blog, title="Harbour morning", published_at=ago(days=5),
        body_markdown="Boats came in with the tide while the fog lifted.",
    )  # fmt: skip
    PostFactory(
        blog=demo_blog, title="A quiet week", published_at=ago(days=1),
        body_markdown="I walked past the lighthouse and down to the harbour wall.",
    )  # fmt: skip
    PostFactory(
        blog=demo_blog, title="Lighthouse keepers", published_at=ago(days=9),
        body_markdown="They kept the lamp lit through every storm.",
    )  # fmt: skip
    PostFactory(
        blog=demo_blog, title="Market day", published_at=ago(days=3),
        body_markdown="Fresh bread, old maps and a keeper of bees at the market.",
    )  # fmt: skip


def search(client, words):
    response = client.get("/demo/", {"s": words})
    assert response.status_code == 200
    return listed_titles(response)


def test_reader_finds_posts_by_their_words(guest, notes):
    assert set(search(guest, "harbour")) == {"Harbour morning", "A quiet week"}


def test_a_title_match_ranks_above_a_body_only_match(guest, notes):
    # "A quiet week" is newer, but only its body mentions the lighthouse.
    assert search(guest, "lighthouse") == ["Lighthouse keepers", "A quiet week"]
    assert search(guest, "harbour") == ["Harbour morning", "A quiet week"]


def test_every_word_must_match(guest, notes):
    assert search(guest, "harbour lighthouse") == ["A quiet week"]
    assert search(guest, "harbour bees") == []


def test_search_matches_other_forms_of_a_word(guest, notes):
    assert search(guest, "walking") == ["A quiet week"]  # the post says "walked"


def test_a_quoted_phrase_matches_only_as_a_phrase(guest, notes):
    assert search(guest, '"harbour wall"') == ["A quiet week"]
    assert search(guest, '"wall harbour"') == []


def test_a_minus_sign_excludes_a_word(guest, notes):
    assert search(guest, "harbour -lighthouse") == ["Harbour morning"]


def test_or_matches_either_word(guest, notes):
    assert set(search(guest, "bees OR fog")) == {"Market day", "Harbour morning"}


def test_search_page_says_what_was_searched_and_keeps_the_words_in_the_box(guest, notes):
    page = html(guest.get("/demo/", {"s": "harbour"}))

    assert page.h1.get_text() == "Search results for “harbour”"
    assert page.select_one("input[name=s]")["value"] == "harbour"
    assert page.select_one("meta[name=robots]")["content"] == "noindex, follow"


def test_search_without_matches_says_so(guest, notes):
    page = html(guest.get("/demo/", {"s": "volcano"}))

    assert "nothing matched your search" in page.select_one(".no-results").get_text()


def test_search_results_come_in_pages_that_keep_the_words(guest, demo_blog):
    demo_blog.posts_per_page = 2
    demo_blog.save()
    for n in range(3):
        PostFactory(blog=demo_blog, title=f"Fog {n}", published_at=ago(days=n + 1))

    first = guest.get("/demo/", {"s": "fog"})
    second = guest.get("/demo/page/2/", {"s": "fog"})

    assert html(first).select_one(".pagination a.older")["href"] == "/demo/page/2/?s=fog"
    assert listed_titles(first) == ["Fog 0", "Fog 1"]
    assert listed_titles(second) == ["Fog 2"]


def test_search_stays_within_the_blog(guest, notes):
    PostFactory(title="Harbour elsewhere")

    assert "Harbour elsewhere" not in search(guest, "harbour")


# FTS5 and tsquery syntax, SQL, control characters, other scripts, and sheer length.
MALFORMED = [
    '"', '""', 'harbour"', '"harbour', "AND (", "harbour AND (", "OR", "NOT", "*", "harbour*",
    "NEAR(", "NEAR(harbour lighthouse)", "-", "--", "-harbour", "- -", "^", "(", ")", ":",
    "title:harbour", "{col}", "'", "\\", "%", "_", "&", "|", "!", "<->", "a:*", "\x00",
    "harbour\x00wall", "ñandú café", "日本語の港", "🌊 harbour", "\u200b", " ", "",
    "harbour " * 100, "x" * 500, ";DROP TABLE posts_post;--", "' OR 1=1 --",
]  # fmt: skip


@pytest.mark.parametrize("words", MALFORMED)
def test_malformed_search_gives_results_or_an_empty_list_never_an_error(guest, notes, words):
    response = guest.get("/demo/", {"s": words})

    assert response.status_code == 200
    assert html(response).select_one("main") is not None


def test_an_empty_search_lists_nothing(guest, notes):
    assert search(guest, "") == []
