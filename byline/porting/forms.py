from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from byline.porting.importer import parse_author_map


class ImportForm(forms.Form):
    file = forms.FileField(
        label="WordPress export file",
        help_text="The .xml file from WordPress: Tools → Export → All content.",
    )
    author_map = forms.CharField(
        label="Authors",
        required=False,
        max_length=2000,
        help_text="Optional. Give a WordPress author's posts to someone here, as "
        "old=new, one pair after another (such as “admin=alice, jo=jo-writes”). Authors not "
        "named become new accounts that nobody can sign in to until they reset the password.",
    )
    fetch_media = forms.BooleanField(
        label="Copy media files",
        required=False,
        help_text="Copy each image and file into this blog. Without it, they stay on the old site.",
    )

    def clean_author_map(self) -> dict[str, str]:
        try:
            mapping = parse_author_map(self.cleaned_data["author_map"])
        except ValueError as error:
            raise forms.ValidationError(f"{error}; write each pair as old=new.") from None
        known = set(
            get_user_model()
            .objects.filter(username__in=mapping.values())
            .values_list("username", flat=True)
        )
        missing = sorted(set(mapping.values()) - known)
        if missing:
            raise forms.ValidationError(f"There is no user {', '.join(missing)} on this platform.")
        return mapping
