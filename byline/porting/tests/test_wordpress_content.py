"""WordPress content renders as WordPress shows it: paragraphs, captions, galleries, no blocks."""

from __future__ import annotations

from types import SimpleNamespace

from bs4 import BeautifulSoup

from byline.posts.rendering import render_wordpress_html
from byline.posts.wordpress_html import autop, shortcode_attributes


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_blank_lines_make_paragraphs_and_single_newlines_make_line_breaks():
    html = render_wordpress_html("First line\nsecond line\n\nNext paragraph")

    paragraphs = soup(html).find_all("p")
    assert [p.get_text() for p in paragraphs] == ["First line\nsecond line", "Next paragraph"]
    assert paragraphs[0].find("br") is not None


def test_block_html_is_not_wrapped_and_pre_keeps_its_newlines():
    html = autop("<h2>Title</h2>\nText\n\n<pre>a\n\nb</pre>\n\n<ul>\n<li>one</li>\n</ul>")

    assert "<p><h2>" not in html and "<p><ul>" not in html
    assert "<pre>a\n\nb</pre>" in html
    assert "<p>Text</p>" in html


def test_block_editor_content_keeps_its_html_and_loses_its_comments():
    source = (
        '<!-- wp:paragraph {"align":"center"} -->\n<p>One</p>\n<!-- /wp:paragraph -->\n\n'
        '<!-- wp:separator -->\n<hr class="wp-block-separator"/>\n<!-- /wp:separator -->\n\n'
        "<!-- wp:latest-posts /-->"
    )

    html = render_wordpress_html(source)

    assert "wp:" not in html
    assert soup(html).p.get_text() == "One"
    assert soup(html).find("hr") is not None
    assert "<br" not in html  # no wpautop for block content, as in WordPress 5+


def test_a_caption_becomes_a_figure_with_its_alignment():
    html = render_wordpress_html(
        '[caption id="attachment_9" align="alignright" width="300"]'
        '<a href="https://x.example/big.jpg"><img src="https://x.example/a.jpg" alt="Boat" '
        'width="300" height="200" /></a> A boat at dawn[/caption]'
    )

    figure = soup(html).find("figure")
    assert figure["class"] == ["wp-caption", "alignright"]
    assert figure.a.img["alt"] == "Boat"
    assert figure.figcaption.get_text() == "A boat at dawn"
    assert soup(html).find("p") is None  # the shortcode is not left inside a paragraph


def test_an_old_style_caption_attribute_is_the_caption_text():
    html = render_wordpress_html(
        '[caption align="alignnone" caption="Old style"]<img src="https://x.example/a.jpg">[/caption]'
    )

    assert soup(html).figcaption.get_text() == "Old style"


def test_a_gallery_lists_the_images_it_names_in_its_columns():
    images = {
        3: SimpleNamespace(url="https://x.example/3.jpg", alt_text="Three", caption=""),
        5: SimpleNamespace(url="https://x.example/5.jpg", alt_text="Five", caption="Fifth"),
    }

    def finder(ids):
        return [images[i] for i in ids or images if i in images]

    html = render_wordpress_html('[gallery columns="2" link="file" ids="5,3,4"]', images=finder)

    gallery = soup(html).select_one("div.gallery")
    assert gallery["class"] == ["gallery", "gallery-columns-2"]
    assert [img["alt"] for img in gallery.select("img")] == ["Five", "Three"]
    assert gallery.select_one("a")["href"] == "https://x.example/5.jpg"
    assert gallery.select_one("figcaption").get_text() == "Fifth"


def test_a_gallery_without_images_disappears():
    assert render_wordpress_html("[gallery]").strip() == ""


def test_unknown_shortcodes_and_bracketed_words_stay_as_written():
    html = render_wordpress_html('A [simple boat] and [contact-form-7 id="1"] and [[gallery]].')

    assert (
        soup(html).get_text().strip()
        == 'A [simple boat] and [contact-form-7 id="1"] and [gallery].'
    )


def test_audio_and_video_become_the_browsers_own_players_loading_nothing_until_played():
    html = render_wordpress_html(
        '[audio src="https://x.example/song.mp3" loop="on"]\n\n'
        '[video mp4="https://x.example/film.mp4" width="640" height="360"][/video]'
    )

    audio, video = soup(html).find("audio"), soup(html).find("video")
    assert audio.attrs == {"controls": "", "preload": "none", "src": "https://x.example/song.mp3",
                           "loop": ""}  # fmt: skip
    assert video.attrs == {"controls": "", "preload": "none", "src": "https://x.example/film.mp4",
                           "width": "640", "height": "360"}  # fmt: skip
    # A link to each file, for a reader whose browser cannot play it.
    assert [a["href"] for a in soup(html).find_all("a")] == [
        "https://x.example/song.mp3", "https://x.example/film.mp4"
    ]  # fmt: skip


def test_embeds_and_lone_youtube_or_vimeo_addresses_become_link_cards_without_frames():
    html = render_wordpress_html(
        "[embed]https://video.example/v/1[/embed]\n\nhttps://www.youtube.com/watch?v=abc"
        "\n\nhttps://vimeo.com/76979871\n\nhttps://example.org/page"
    )

    page = soup(html)
    assert page.find("iframe") is None and page.find("script") is None
    cards = page.select("a.embed-card")
    assert [(a["href"], a.select_one(".embed-card-site").get_text()) for a in cards] == [
        ("https://video.example/v/1", "video.example"),
        ("https://www.youtube.com/watch?v=abc", "Watch on YouTube"),
        ("https://vimeo.com/76979871", "Watch on Vimeo"),
    ]
    # Any other address alone on its line is a plain link, as before.
    assert page.find("a", href="https://example.org/page").get("class") is None


def test_block_editor_embeds_audio_and_video_render_as_players_and_cards():
    html = render_wordpress_html(
        '<!-- wp:embed {"url":"https://youtu.be/abc","providerNameSlug":"youtube"} -->\n'
        '<figure class="wp-block-embed is-type-video is-provider-youtube"><div class="wp-block-'
        'embed__wrapper">\nhttps://youtu.be/abc\n</div><figcaption>Our film</figcaption></figure>'
        '\n<!-- /wp:embed -->\n\n<!-- wp:audio -->\n<figure class="wp-block-audio"><audio '
        'controls src="https://x.example/b.mp3"></audio></figure>\n<!-- /wp:audio -->'
    )

    page = soup(html)
    assert page.select_one("a.embed-card")["href"] == "https://youtu.be/abc"
    assert "Our film" in page.get_text()
    assert page.find("audio")["src"] == "https://x.example/b.mp3"
    assert page.find("iframe") is None


def test_players_come_only_from_shortcodes_with_web_addresses():
    html = render_wordpress_html(
        '<audio src="https://x.example/a.mp3" onplay="alert(1)"></audio>'
        '<video src="https://x.example/v.mp4" poster="https://tracker.example/p.png"></video>\n\n'
        '[audio src="javascript:alert(1)"]\n\n[video src="data:video/mp4;base64,AAAA"]\n\n'
        '[audio src="https://x.example/a.mp3" onplay="alert(1)"]\n\n'
        "byline-player-0000000000000000-0"
    )

    page = soup(html)
    # What a writer typed as HTML is sanitized as ever; only the last shortcode plays.
    assert [a.attrs for a in page.find_all("audio")] == [
        {"controls": "", "preload": "none", "src": "https://x.example/a.mp3"}
    ]
    assert page.find("video") is None
    assert "javascript:" not in html and "data:" not in html and "onplay" not in html
    assert "byline-player-0000000000000000-0" in page.get_text()


def test_more_and_nextpage_markers_are_invisible():
    html = render_wordpress_html("Before\n\n<!--more-->\n\nAfter\n\n<!--nextpage-->\n\nEnd")

    assert [p.get_text() for p in soup(html).find_all("p")] == ["Before", "After", "End"]


def test_shortcode_attributes_are_read_as_wordpress_reads_them():
    assert shortcode_attributes(' ids="1,2" columns=3 link=\'file\' https://x.example/a.mp3') == {
        "ids": "1,2", "columns": "3", "link": "file", "0": "https://x.example/a.mp3",
    }  # fmt: skip


def test_scripts_and_handlers_never_survive():
    html = render_wordpress_html(
        '<script>alert(1)</script><p onclick="x()">Hi</p>'
        '[caption]<img src="javascript:alert(1)" onerror="x()">[/caption]'
    )

    assert "script" not in html and "onclick" not in html and "onerror" not in html
    assert "javascript:" not in html
