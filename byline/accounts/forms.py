from __future__ import annotations

from django import forms

from byline.accounts import avatars
from byline.accounts.models import User


class ProfileForm(forms.ModelForm):
    """What a reader may change about how they appear: name, words, picture."""

    picture = forms.FileField(
        label="Picture",
        required=False,
        help_text="A PNG, JPEG, GIF or WebP image up to 5 MB; shown square, 256×256 at most.",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
        ),
    )
    remove_picture = forms.BooleanField(label="Remove my picture", required=False)

    class Meta:
        model = User
        fields = ["display_name", "bio"]

    def clean_picture(self):
        upload = self.cleaned_data.get("picture")
        return avatars.redraw(upload) if upload else None

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        picture = self.cleaned_data.get("picture")
        if picture or self.cleaned_data.get("remove_picture"):
            if user.avatar:
                user.avatar.delete(save=False)
            if picture:
                user.avatar.save(picture.name, picture, save=False)
        if commit:
            user.save()
        return user


class DeleteAccountForm(forms.Form):
    COMMENTS = [
        ("anonymize", "Keep my comments, shown as written by “Deleted user”"),
        ("delete", "Delete my comments too"),
    ]
    comments = forms.ChoiceField(
        label="Your comments", choices=COMMENTS, initial="anonymize", widget=forms.RadioSelect
    )
    confirm = forms.BooleanField(
        label="I understand that my account cannot be restored.",
        error_messages={"required": "Tick the box to confirm that you want your account deleted."},
    )
