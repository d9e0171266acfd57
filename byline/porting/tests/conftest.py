from __future__ import annotations

import pytest

from byline.porting.importer import Importer
from byline.porting.tests.wxr_files import theme_unit_test_data
from tests.factories import BlogFactory, MembershipFactory


def import_into(blog, source, **options):
    """Import a WXR file (a path or a file object) into blog; return the summary."""
    return Importer(blog, **options).run(source)


@pytest.fixture
def new_blog(alice):
    """Return an empty blog of alice's, "theme", as `byline import wordpress --create` makes it."""
    from byline.blogs.models import Membership

    blog = BlogFactory(slug="theme", title="Theme Unit Test Data", owner=alice)
    MembershipFactory(blog=blog, user=alice, role=Membership.Role.ADMINISTRATOR)
    return blog


@pytest.fixture
def theme_blog(new_blog):
    """Return alice's blog with WordPress's theme unit test data imported, and the summary."""
    summary = import_into(new_blog, theme_unit_test_data())
    return new_blog, summary
