"""The dashboard's forms for blogs: creating one, its settings, its comment rules, its members."""

from __future__ import annotations

from django import forms

from byline.blogs.models import Blog, Membership
from byline.comments.models import DiscussionSettings


class NewBlogForm(forms.ModelForm):
    class Meta:
        model = Blog
        fields = ["slug", "title", "tagline", "language", "time_zone"]
        labels = {"slug": "Address"}
        help_texts = {
            "slug": "Your blog will be at /<address>/: lowercase letters, digits and hyphens, "
            "such as “my-travels”. It cannot be changed later.",
            "time_zone": "Dates on the blog, in its addresses and in the editor use this "
            "time zone.",
        }

    def clean_slug(self) -> str:
        return (self.cleaned_data.get("slug") or "").strip().lower()


class BlogSettingsForm(forms.ModelForm):
    icon_upload = forms.FileField(
        label="Or upload a new icon",
        required=False,
        help_text="A square JPEG, PNG, GIF or WebP image, at least 512 × 512 pixels is best. "
        "It joins the media library.",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
    )

    class Meta:
        model = Blog
        fields = ["title", "tagline", "language", "time_zone", "icon", "theme",
                  "posts_per_page", "home_shows"]  # fmt: skip
        labels = {"home_shows": "The home page and the feeds show", "posts_per_page":
                  "Posts per page", "icon": "Blog icon"}  # fmt: skip
        widgets = {"theme": forms.RadioSelect, "home_shows": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from byline.dashboard.post_form import offer_images

        offer_images(self.fields["icon"], self.instance)
        self.fields["icon"].help_text = "Shown in browser tabs and beside the blog's title."
        self.checked_icon = None

    def clean_icon_upload(self):
        from byline.dashboard.uploads import check_image

        upload = self.cleaned_data.get("icon_upload")
        if upload:
            self.checked_icon = check_image(upload)  # the media library's checks, by content
        return upload

    def save_with_icon(self, user) -> Blog:
        """Save the settings; an uploaded icon joins the media library and becomes the icon."""
        from byline.dashboard import uploads

        if self.checked_icon is not None:
            upload = self.cleaned_data["icon_upload"]
            self.instance.icon = uploads.store(self.instance, user, upload, self.checked_icon)
        return self.save()

    def clean_posts_per_page(self) -> int:
        value = self.cleaned_data["posts_per_page"]
        if not 1 <= value <= 100:
            raise forms.ValidationError("Show between 1 and 100 posts per page.")
        return value


class DiscussionForm(forms.ModelForm):
    class Meta:
        model = DiscussionSettings
        exclude = ["blog"]
        labels = {
            "comments_on_pages": "Comments on pages",
            "hold_all": "Hold every comment for approval",
            "hold_first_comment": "Hold a commenter's first comment",
            "hold_link_count": "Links that hold a comment",
            "close_after_days": "Close comments after (days)",
            "use_gravatar": "Gravatar pictures",
            "newest_first": "Newest comments first",
        }
        widgets = {
            "moderation_words": forms.Textarea(attrs={"rows": 4}),
            "blocked_words": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_thread_depth(self) -> int:
        value = self.cleaned_data["thread_depth"]
        if not 1 <= value <= 10:
            raise forms.ValidationError("Nest replies between 1 and 10 levels deep.")
        return value


ASSIGNABLE_ROLES = Membership.Role.choices


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    role = forms.ChoiceField(
        choices=ASSIGNABLE_ROLES,
        initial=Membership.Role.AUTHOR,
        help_text="Contributors write and submit for review; authors publish their own posts; "
        "editors publish and edit everyone's; administrators also manage settings and members.",
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=ASSIGNABLE_ROLES, label="Role")


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Image",
        help_text="JPEG, PNG, GIF or WebP. Smaller copies are made for readers' screens.",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
    )
    alt_text = forms.CharField(
        label="Alternative text",
        required=False,
        max_length=1000,
        help_text="Describe the image for readers who cannot see it. You can add it later.",
    )

    def clean_file(self):
        from byline.dashboard.uploads import check_image

        upload = self.cleaned_data["file"]
        self.checked = check_image(upload)
        return upload


class MediaForm(forms.Form):
    title = forms.CharField(label="Title", required=False, max_length=300)
    alt_text = forms.CharField(
        label="Alternative text",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Describe the image for readers who cannot see it; leave it empty only for "
        "a purely decorative image.",
    )
    caption = forms.CharField(
        label="Caption", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MenuItemForm(forms.Form):
    """One link to add to the header menu: a page of the blog, a category, or any address."""

    page = forms.ModelChoiceField(queryset=None, required=False, label="A page of the blog",
                                  empty_label="—")  # fmt: skip
    category = forms.ModelChoiceField(queryset=None, required=False, label="A category",
                                      empty_label="—")  # fmt: skip
    url = forms.CharField(
        label="Or an address", required=False, max_length=2000,
        help_text="Such as https://example.com/ or /demo/2024/. Web addresses and mail only.",
    )  # fmt: skip
    label = forms.CharField(label="Label", required=False, max_length=300,
                            help_text="Left empty, the page's or category's name.")  # fmt: skip
    parent = forms.TypedChoiceField(
        label="Place it", required=False, coerce=int, empty_value=None,
        help_text="Under another link, it opens from that link as a submenu.",
    )  # fmt: skip

    def __init__(self, blog, *args, menu=None, **kwargs):
        super().__init__(*args, **kwargs)
        from byline.posts.models import Category, Post

        self.outline = {item.pk: item for item in (menu.outline() if menu else [])}
        self.fields["parent"].choices = [("", "At the top level")] + [
            (pk, f"{'— ' * item.depth}Under “{item.title}”") for pk, item in self.outline.items()
        ]

        self.fields["page"].queryset = Post.objects.for_blog(blog).pages().order_by("path")
        self.fields["page"].label_from_instance = lambda page: page.title
        self.fields["category"].queryset = Category.objects.filter(blog=blog).order_by("path")

    def clean_url(self) -> str:
        value = self.cleaned_data["url"].strip()
        # Only addresses that cannot run code: a javascript: link in the header would run on
        # every page of the blog.
        if (
            value
            and not (value.startswith("/") and not value.startswith("//"))
            and not (value.lower().startswith(("https://", "http://", "mailto:")))
        ):
            raise forms.ValidationError(
                "Use a web address (https://…), a mail address (mailto:…) or a path on this "
                "site (/…)."
            )
        return value

    def clean_parent(self):
        """Return the menu item chosen to hold the new one, or None for the top level."""
        pk = self.cleaned_data.get("parent")
        return self.outline[pk] if pk is not None else None

    def clean(self):
        cleaned = super().clean()
        chosen = [n for n in ("page", "category", "url") if cleaned.get(n)]
        if len(chosen) != 1 and not self.errors:
            raise forms.ValidationError("Choose one: a page, a category or an address.")
        if cleaned.get("url") and not cleaned.get("label"):
            self.add_error("label", "Give the link a label: readers see it in the menu.")
        return cleaned
