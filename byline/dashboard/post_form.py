"""The editor's form: what a writer may set on a post or page, given their role.

Dates are typed and shown in the blog's time zone: the views run the form inside
`timezone.override(blog.tzinfo)`, and Django's DateTimeField reads and writes in the
current time zone (refusing a time a DST change skips or repeats, with a message).
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import slugify

from byline.blogs.reserved import validate_post_slug
from byline.dashboard.roles import Desk
from byline.posts.models import Category, Post, Tag, unique_slug

Status = Post.Status
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class PostForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    published_at = forms.DateTimeField(
        label="Publish date",
        required=False,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )
    tag_names = forms.CharField(
        label="Tags",
        required=False,
        max_length=2000,
        help_text="Separate tags with commas.",
        widget=forms.TextInput(attrs={"list": "tag-suggestions"}),
    )
    new_category = forms.CharField(
        label="New category",
        required=False,
        max_length=200,
        help_text="Type a name to create a category and file the post under it.",
    )
    comments_open = forms.BooleanField(label="Allow comments", required=False)

    class Meta:
        model = Post
        fields = ["title", "body_markdown", "excerpt", "slug", "status", "published_at",
                  "categories", "sticky", "password", "parent", "menu_order",
                  "featured_image"]  # fmt: skip
        labels = {"body_markdown": "Body", "sticky": "Stick to the top of the home page",
                  "menu_order": "Order", "password": "Password",
                  "featured_image": "Featured image"}  # fmt: skip
        help_texts = {
            "slug": "The last part of the address: lowercase letters, digits and hyphens. "
            "Left empty, it is made from the title.",
            "body_markdown": "Written in Markdown: *emphasis*, **strong**, [a link](https://…), "
            "# headings, - lists, > quotes.",
            "status": "Scheduled posts go live at the publish date; published posts with a "
            "date in the future are scheduled.",
            "featured_image": "An image of the blog's media library, shown above the text and "
            "in link previews. Describe it in the library: its alternative text goes with it.",
        }
        widgets = {
            "body_markdown": forms.Textarea(attrs={"rows": 20, "cols": 80}),
            "excerpt": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "categories": forms.CheckboxSelectMultiple,
        }

    def __init__(self, desk: Desk, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.desk = desk
        post = self.instance
        allowed = desk.statuses(post)
        self.fields["status"].choices = [(s, Status(s).label) for s in allowed]
        self.fields["categories"].queryset = Category.objects.filter(blog=desk.blog)
        self.fields["categories"].required = False
        offer_images(self.fields["featured_image"], desk.blog)
        self.fields["version"].initial = post.version
        self.fields["comments_open"].initial = post.comment_status == Post.CommentStatus.OPEN
        if post.pk:
            self.fields["tag_names"].initial = ", ".join(t.name for t in post.tags.all())
        self.fields["published_at"].help_text = (
            f"In the blog's time zone, {desk.blog.time_zone}. Left empty, publishing "
            "uses the moment you publish."
        )
        self.fields[
            "password"
        ].help_text = "Readers must type this password to read it. Left empty, anyone can."
        if post.is_page:
            for name in ("categories", "tag_names", "new_category", "sticky"):
                del self.fields[name]
            pages = Post.objects.for_blog(desk.blog).pages().exclude(pk=post.pk)
            if post.pk:  # a page below itself would have no address
                pages = pages.exclude(path__startswith=f"{post.path}/")
            self.fields["parent"].queryset = pages.order_by("path")
            self.fields["parent"].label_from_instance = lambda page: page.path
        else:
            del self.fields["parent"], self.fields["menu_order"]
            if not desk.is_editor:
                del self.fields["sticky"]  # WordPress: sticking needs edit_others_posts
            if not desk.manages_categories:
                del self.fields["new_category"]
        self.became_scheduled = False

    @property
    def kind_name(self) -> str:
        return "page" if self.instance.is_page else "post"

    def clean_slug(self) -> str:
        slug = (self.cleaned_data.get("slug") or "").strip().lower()
        if slug:
            validate_post_slug(slug)  # here, so a reserved word is not also called "taken"
        return slug

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if status not in self.desk.statuses(self.instance):
            raise forms.ValidationError("Your role on this blog cannot give a post that status.")
        return status

    def clean(self):
        cleaned = super().clean()
        self._check_slug(cleaned)
        self._check_date(cleaned)
        return cleaned

    def _check_slug(self, cleaned: dict) -> None:
        slug = cleaned.get("slug")
        if not slug or self.has_error("slug"):
            return
        siblings = Post.objects.filter(blog=self.desk.blog, kind=self.instance.kind)
        if self.instance.is_page:
            siblings = siblings.filter(parent=cleaned.get("parent"))
        siblings = siblings.exclude(pk=self.instance.pk)
        if siblings.filter(slug=slug).exists():
            other = unique_slug(siblings, slug, self.instance.kind)
            self.add_error(
                "slug",
                f"Another {self.kind_name} on this blog already has the address “{slug}”; "
                f"try “{other}”.",
            )

    def _check_date(self, cleaned: dict) -> None:
        status, when = cleaned.get("status"), cleaned.get("published_at")
        now = timezone.now()
        if status == Status.SCHEDULED:
            if when is None:
                self.add_error("published_at", "Choose the date and time to publish it.")
            elif when <= now:
                here = timezone.localtime(now).strftime("%Y-%m-%d %H:%M")
                self.add_error(
                    "published_at",
                    f"That time has passed (it is now {here} in {self.desk.blog.time_zone}): "
                    "choose a time in the future, or choose Published to publish it now.",
                )
        elif status == Status.PUBLISHED and when and when > now:
            # As in WordPress: publishing with a date to come schedules the post.
            cleaned["status"] = Status.SCHEDULED
            self.became_scheduled = True
        elif status == Status.PRIVATE and when is None:
            cleaned["published_at"] = now

    def _post_clean(self):
        super()._post_clean()
        post = self.instance
        post.status = self.cleaned_data.get("status", post.status)
        if "comments_open" in self.cleaned_data:
            open_ = self.cleaned_data["comments_open"]
            post.comment_status = Post.CommentStatus.OPEN if open_ else Post.CommentStatus.CLOSED

    def save_terms(self, post: Post) -> None:
        """Set the post's categories (creating the new one) and tags, after the post is saved."""
        if post.is_page:
            return
        categories = list(self.cleaned_data.get("categories") or [])
        new_name = (self.cleaned_data.get("new_category") or "").strip()
        if new_name:
            found = Category.objects.filter(blog=post.blog, name__iexact=new_name).first()
            categories.append(found or Category.objects.create(blog=post.blog, name=new_name))
        post.categories.set(categories)
        post.tags.set(tags_named(post.blog, self.cleaned_data.get("tag_names", "")))


def offer_images(field: forms.ModelChoiceField, blog) -> None:
    """Make field a choice among the blog's images, newest first, by title and size."""
    from byline.media.models import MediaItem  # media depends on posts, not the reverse

    field.queryset = MediaItem.objects.filter(blog=blog, mime_type__startswith="image/")
    field.empty_label = "None"
    field.label_from_instance = _image_choice_label
    field.error_messages["invalid_choice"] = (
        "That image is no longer in the media library: choose another, or None."
    )


def _image_choice_label(item) -> str:
    size = f" ({item.width} × {item.height})" if item.width else ""
    return f"{item.title or item.url.rsplit('/', 1)[-1]}{size}"


def tags_named(blog, text: str) -> list[Tag]:
    """Return the blog's tags with these comma-separated names, creating the new ones."""
    names, seen = [], set()
    for raw in text.split(","):
        name = " ".join(raw.split())[:200]
        if name and name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    existing = {t.name.lower(): t for t in Tag.objects.filter(blog=blog)} if names else {}
    tags = []
    for name in names:
        tag = existing.get(name.lower())
        if tag is None:
            by_slug = (
                Tag.objects.filter(blog=blog, slug=slugify(name)).first() if slugify(name) else None
            )
            tag = by_slug or Tag.objects.create(blog=blog, name=name)
        tags.append(tag)
    return tags
