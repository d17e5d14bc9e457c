"""Publishers add, change and remove recommended pages for searches (they take effect at the
next search); Editors read them, as with the synonyms."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PUBLISHER = ("add", "change", "delete", "view")
EDITOR = ("view",)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("search")  # permissions are made after migrations
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in (("Publisher", PUBLISHER), ("Editor", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="search",
                codename__in=[f"{action}_bestbet" for action in actions],
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Publisher", "Editor"]):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="search", codename__endswith="_bestbet")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0004_search_synonym_permissions"),
        ("search", "0005_best_bet"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
