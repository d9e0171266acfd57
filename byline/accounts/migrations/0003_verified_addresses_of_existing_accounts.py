"""Accounts made before allauth (by an administrator, `byline createsuperuser`, the demo)
keep working: their email becomes a verified address, so sign-in does not stop them
to verify it. Accounts made later verify their address by email."""

from django.db import migrations


def verify_existing(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    known = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True)
        for user in User.objects.exclude(email="").exclude(pk__in=known)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_avatar"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(verify_existing, migrations.RunPython.noop)]
