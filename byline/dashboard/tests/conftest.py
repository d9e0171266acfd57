"""More of the cast, for the dashboard: one person per role on the demo blog, and a stranger.

- alice (root conftest) owns "demo"; bob (root conftest) is its editor.
- amir is an author on "demo": he publishes and edits his own posts only.
- cora is a contributor on "demo": she writes drafts and submits them for review.
- olga administers another blog, "kitchen": on "demo" she is a stranger like charlie.
"""

from __future__ import annotations

import pytest

from byline.blogs.models import Membership
from tests.factories import BlogFactory, MembershipFactory, UserFactory


@pytest.fixture
def amir(demo_blog):
    user = UserFactory(username="amir", display_name="Amir Haddad")
    MembershipFactory(blog=demo_blog, user=user, role=Membership.Role.AUTHOR)
    return user


@pytest.fixture
def cora(demo_blog):
    user = UserFactory(username="cora", display_name="Cora Mendes")
    MembershipFactory(blog=demo_blog, user=user, role=Membership.Role.CONTRIBUTOR)
    return user


@pytest.fixture
def olga(db):
    user = UserFactory(username="olga", display_name="Olga Berg")
    blog = BlogFactory(slug="kitchen", title="Kitchen", owner=user)
    MembershipFactory(blog=blog, user=user, role=Membership.Role.ADMINISTRATOR)
    return user
