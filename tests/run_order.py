"""Run the slowest test modules first, so both xdist workers finish at about the same time.

scripts/run_tests.py runs `-n 2 --dist loadfile --no-loadscope-reorder`: each module goes
whole to one worker, in the order collected, the next one to whichever worker is free.
xdist's own order (most tests first) left the modules that start servers, which hold few
tests but take a minute, for last, and one worker ran them alone for minutes while the other
had nothing left. Started first, they run side by side, and short modules fill in the end.

SLOWEST lists the modules that took more than about 20 seconds in a full run, slowest
first (the largest of the two passes). It only orders the run: a module missing from it,
or listed and gone, changes nothing but how evenly the workers finish.
"""

from __future__ import annotations

SLOWEST = [
    "tests/hostile/test_in_browser.py",
    "tests/hostile/test_xss_everywhere.py",
    "tests/test_cli.py",
    "tests/browser/test_sign_in_without_javascript.py",
    "tests/browser/test_writing_story.py",
    "tests/browser/test_icon_featured_image_and_submenu_without_javascript.py",
    "byline/pagecache/tests/test_across_server_processes.py",
    "tests/browser/test_comment_story.py",
    "tests/multi/test_media_on_s3.py",
    "tests/multi/test_many_machines.py",
    "tests/browser/test_social_pages.py",
    "tests/browser/test_writing_accessibility.py",
    "tests/browser/test_like_story.py",
    "tests/browser/test_sign_in_from_the_comment_form.py",
    "tests/browser/test_html_validity.py",
    "byline/platform/tests/test_settings_for_many_machines.py",
    "tests/browser/test_writing_a_post.py",
    "byline/social/tests/test_likes_at_once_through_the_server.py",
    "tests/multi/test_workers_share_the_queue.py",
    "byline/porting/tests/test_legacy_links.py",
    "tests/test_settings.py",
    "tests/hostile/test_tenants.py",
    "byline/comments/tests/test_hostile_comments.py",
    "byline/subscriptions/tests/test_double_opt_in.py",
    "byline/dashboard/tests/test_scheduled_posts_publish_once.py",
    "tests/browser/test_accessibility.py",
    "byline/subscriptions/tests/test_new_post_announcements.py",
    "byline/porting/tests/test_imported_blog_renders.py",
    "byline/porting/tests/test_import_theme_unit_test_data.py",
    "tests/hostile/test_rate_limits.py",
    "byline/social/tests/test_notification_emails.py",
    "byline/dashboard/tests/test_dashboard_pages_are_valid_html.py",
    "byline/posts/tests/test_query_counts.py",
    "tests/browser/test_reading_a_blog.py",
]
_RANK = {path: n for n, path in enumerate(SLOWEST)}


def pytest_collection_modifyitems(items):
    """Put the listed modules first, slowest first; keep every other module where it was.

    Runs before tests/database_passes.py deselects (trylast there), on every worker alike,
    as xdist requires; the order of the tests inside a module is untouched.
    """
    position = {item: n for n, item in enumerate(items)}
    items.sort(key=lambda item: (_RANK.get(item.nodeid.split("::")[0], len(SLOWEST)),
                                 position[item]))  # fmt: skip
