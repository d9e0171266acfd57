"""factory_boy factories for Byline's models, shared by every app's tests."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from byline.accounts.models import User
from byline.blogs.models import Blog, Membership
from byline.posts.models import Category, Post, Tag


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"writer{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    display_name = factory.LazyAttribute(lambda u: u.username.title())
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        """Give the account its email as a verified address, as signing up would (allauth)."""
        if create and user.email and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )


class BlogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Blog
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"blog-{n}")
    title = factory.LazyAttribute(lambda b: b.slug.replace("-", " ").title())
    tagline = "A blog for tests"
    owner = factory.SubFactory(UserFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    blog = factory.SubFactory(BlogFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.AUTHOR


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    blog = factory.SubFactory(BlogFactory)
    name = factory.Sequence(lambda n: f"Category {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    blog = factory.SubFactory(BlogFactory)
    name = factory.Sequence(lambda n: f"tag{n}")


class PostFactory(factory.django.DjangoModelFactory):
    """A published post, a day old unless told otherwise."""

    class Meta:
        model = Post

    blog = factory.SubFactory(BlogFactory)
    author = factory.LazyAttribute(lambda p: p.blog.owner)
    title = factory.Sequence(lambda n: f"Post number {n}")
    body_markdown = "Some words about the weather.\n\nAnd a second paragraph."
    status = Post.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class PageFactory(PostFactory):
    kind = Post.Kind.PAGE
    title = factory.Sequence(lambda n: f"Page {n}")
