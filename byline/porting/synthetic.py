"""Write synthetic WordPress exports of any size, for tests and for the import benchmark.

The files look like a real blog's: several authors, nested categories, tags, classic and
block-editor posts with captions and galleries, pages under pages, attachments, and
threaded comments with pingbacks, trackbacks, held comments and spam. The same arguments
always give the same file.

    python -m byline.porting.synthetic --posts 10000 --comments 100000 -o big.xml
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from typing import TextIO

from byline.porting import wxr
from byline.porting.wxr_writer import WXRWriter

WORDS = (
    "light harbour morning river stone garden letter winter window mountain coffee "
    "quiet station market bridge summer paper island orchard lantern forest meadow "
    "evening kitchen notebook bicycle weather journey village chapter"
).split()
BASE = "https://synthetic.example"


def _sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, n: int) -> list[str]:
    return [" ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(2, 4)))
            for _ in range(n)]  # fmt: skip


def _classic(rng: random.Random, post_id: int) -> str:
    parts = _paragraphs(rng, rng.randint(2, 5))
    if rng.random() < 0.2:
        parts.insert(
            1,
            f'[caption id="attachment_{post_id}" align="alignright" width="300"]'
            f'<img src="{BASE}/files/{post_id}.jpg" alt="A {rng.choice(WORDS)}" width="300" '
            f'height="200" /> {_sentence(rng, 5)}[/caption]',
        )
    if rng.random() < 0.1:
        parts.append('[gallery columns="2"]')
    if rng.random() < 0.1:
        parts.append('<script>alert("synthetic")</script>')
    return "\n\n".join(parts)


def _blocks(rng: random.Random) -> str:
    blocks = []
    for paragraph in _paragraphs(rng, rng.randint(2, 5)):
        blocks.append(f"<!-- wp:paragraph -->\n<p>{paragraph}</p>\n<!-- /wp:paragraph -->")
    if rng.random() < 0.3:
        blocks.insert(1, f"<!-- wp:heading -->\n<h2>{_sentence(rng, 4)}</h2>\n<!-- /wp:heading -->")
    return "\n\n".join(blocks)


def _date(when: datetime.datetime) -> tuple[str, str]:
    """Return (local, gmt) as WordPress writes them, for a blog seven hours behind GMT."""
    local = when - datetime.timedelta(hours=7)
    return local.strftime("%Y-%m-%d %H:%M:%S"), when.strftime("%Y-%m-%d %H:%M:%S")


def generate(
    out: TextIO,
    *,
    posts: int = 100,
    comments: int = 1000,
    pages: int = 10,
    attachments: int = 20,
    authors: int = 3,
    categories: int = 20,
    tags: int = 50,
    seed: int = 0,
) -> None:
    """Write a synthetic WXR 1.2 file with these numbers of things to out."""
    rng = random.Random(seed)  # noqa: S311 - made-up content, not secrets
    writer = WXRWriter(out, generator="Byline synthetic WXR")
    writer.start(
        wxr.Site(title="Synthetic Notes", link=BASE, description="A generated blog",
                 language="en-US", wxr_version="1.2", base_site_url=BASE, base_blog_url=BASE)
    )  # fmt: skip
    logins = [f"writer{n}" for n in range(1, authors + 1)]
    for n, login in enumerate(logins, 1):
        writer.author(wxr.Author(login=login, email=f"{login}@synthetic.example",
                                 display_name=f"Writer {n}", wp_id=str(n)))  # fmt: skip
    category_slugs = []
    for n in range(1, categories + 1):
        parent = rng.choice(category_slugs) if category_slugs and rng.random() < 0.3 else ""
        slug = f"topic-{n}"
        writer.term(wxr.Term("category", slug, f"Topic {n}", parent=parent, wp_id=str(n)))
        category_slugs.append(slug)
    tag_slugs = [f"tag-{n}" for n in range(1, tags + 1)]
    for n, slug in enumerate(tag_slugs, 1):
        writer.term(wxr.Term("post_tag", slug, f"Tag {n}", wp_id=str(categories + n)))

    start = datetime.datetime(2012, 1, 1, 9, 0)
    span = datetime.timedelta(days=4000)
    comment_id = 0
    # Spread the comments over the posts unevenly, as readers do.
    weights = [rng.paretovariate(1.5) for _ in range(posts)]
    total_weight = sum(weights) or 1
    shares = [int(comments * w / total_weight) for w in weights]
    for i in range(comments - sum(shares)):
        shares[i % max(posts, 1)] += 1

    next_id = 1
    post_ids = []
    for n in range(posts):
        wp_id, next_id = next_id, next_id + 1
        post_ids.append(wp_id)
        when = start + span * (n / max(posts, 1))
        local, gmt = _date(when)
        status = rng.choices(["publish", "draft", "private", "future"], [94, 3, 2, 1])[0]
        if status == "future":
            local, gmt = _date(datetime.datetime(2040, 1, 1, 12) + datetime.timedelta(hours=n))
        item = wxr.Item(
            title=_sentence(rng, rng.randint(3, 8))[:-1],
            link=f"{BASE}/{local[:10].replace('-', '/')}/post-{wp_id}/",
            creator=rng.choice(logins),
            guid=f"{BASE}/?p={wp_id}",
            content=_blocks(rng) if rng.random() < 0.4 else _classic(rng, wp_id),
            excerpt=_sentence(rng, 10) if rng.random() < 0.2 else "",
            wp_id=str(wp_id),
            post_date=local,
            post_date_gmt=gmt if status != "draft" else "0000-00-00 00:00:00",
            post_modified=local,
            post_modified_gmt=gmt,
            comment_status="open" if rng.random() < 0.9 else "closed",
            slug=f"post-{wp_id}",
            status=status,
            post_type="post",
            password="secret" if rng.random() < 0.01 else "",
            is_sticky="1" if n < 2 else "0",
            terms=[wxr.ItemTerm("category", s, s.replace("-", " ").title())
                   for s in rng.sample(category_slugs, min(2, len(category_slugs)))]
            + [wxr.ItemTerm("post_tag", s, s.replace("-", " ").title())
               for s in rng.sample(tag_slugs, min(3, len(tag_slugs)))],
        )  # fmt: skip
        ids_here: list[int] = []
        for _ in range(shares[n]):
            comment_id += 1
            moment = when + datetime.timedelta(hours=rng.randint(1, 2000))
            c_local, c_gmt = _date(moment)
            kind = rng.choices(["", "pingback", "trackback"], [96, 3, 1])[0]
            parent = rng.choice(ids_here) if ids_here and kind == "" and rng.random() < 0.3 else 0
            item.comments.append(
                wxr.Comment(
                    wp_id=str(comment_id),
                    author=f"Reader {rng.randint(1, 5000)}",
                    author_email=f"reader{rng.randint(1, 5000)}@mail.example",
                    author_url="https://reader.example/" if rng.random() < 0.3 else "",
                    author_ip=f"192.0.2.{rng.randint(1, 254)}",
                    date=c_local,
                    date_gmt=c_gmt,
                    content=" ".join(_sentence(rng, rng.randint(5, 20))
                                     for _ in range(rng.randint(1, 3))),
                    approved=rng.choices(["1", "0", "spam"], [90, 7, 3])[0],
                    type=kind,
                    parent=str(parent),
                )
            )  # fmt: skip
            ids_here.append(comment_id)
        writer.item(item)

    page_ids: list[int] = []
    for n in range(pages):
        wp_id, next_id = next_id, next_id + 1
        parent = rng.choice(page_ids) if page_ids and rng.random() < 0.4 else 0
        local, gmt = _date(start + datetime.timedelta(days=n))
        writer.item(
            wxr.Item(
                title=f"Page {n + 1}", link=f"{BASE}/page-{wp_id}/", creator=logins[0],
                guid=f"{BASE}/?page_id={wp_id}", content=_classic(rng, wp_id), wp_id=str(wp_id),
                post_date=local, post_date_gmt=gmt, comment_status="closed",
                slug=f"page-{wp_id}", status="publish", parent=str(parent),
                menu_order=str(n), post_type="page",
            )
        )  # fmt: skip
        page_ids.append(wp_id)

    for n in range(attachments):
        wp_id, next_id = next_id, next_id + 1
        parent = rng.choice(post_ids) if post_ids else 0
        url = f"{BASE}/files/{wp_id}.jpg"
        local, gmt = _date(start + datetime.timedelta(days=n))
        writer.item(
            wxr.Item(
                title=f"Image {n + 1}", link=f"{BASE}/?attachment_id={wp_id}", creator=logins[0],
                guid=url, excerpt=_sentence(rng, 5), wp_id=str(wp_id), post_date=local,
                post_date_gmt=gmt, slug=f"image-{wp_id}", status="inherit", parent=str(parent),
                post_type="attachment", attachment_url=url,
                meta={"_wp_attachment_image_alt": f"A {rng.choice(WORDS)}",
                      "_wp_attachment_metadata":
                          'a:2:{s:5:"width";i:1200;s:6:"height";i:800;}'},
            )
        )  # fmt: skip
    writer.end()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic WordPress export.")
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--attachments", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args(argv)
    numbers = {k: getattr(args, k) for k in ("posts", "comments", "pages", "attachments", "seed")}
    if args.output == "-":
        generate(sys.stdout, **numbers)
    else:
        with open(args.output, "w", encoding="utf-8") as out:
            generate(out, **numbers)


if __name__ == "__main__":
    main()
