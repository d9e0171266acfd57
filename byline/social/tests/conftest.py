"""The social tests' scene: a published post on alice's blog "demo", and the email inbox."""

from __future__ import annotations

import pytest

from byline.subscriptions.tests.conftest import smtp  # noqa: F401 - a real SMTP server
from tests.factories import PostFactory


@pytest.fixture
def post(demo_blog):
    """A published post by alice on her blog."""
    return PostFactory(blog=demo_blog, title="Spring tides")
