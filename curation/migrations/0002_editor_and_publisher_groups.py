"""Create the Editor and Publisher groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("add", "change", "view")
ROWS = ("add", "change", "delete", "view")

# (app label, model name): actions. Editors write drafts; they only read what is public at once.
EDITOR = {
    ("casestudies", "casestudy"): CRUD,
    ("casestudies", "keyfigure"): ROWS,
    ("vanguards", "vanguardsite"): CRUD,
    ("vanguards", "vanguardreference"): ROWS,
    ("vanguards", "vanguardfigure"): ROWS,
    ("guidance", "highimpactaction"): CRUD,
    ("guidance", "plannedaction"): ROWS,
    ("guidance", "checklist"): CRUD,
    ("guidance", "checklistitem"): ROWS,
    ("guidance", "consultationarea"): CRUD,
    ("guidance", "audience"): ("view",),
    ("core", "theme"): ("view",),
    ("core", "source"): ("view",),
    ("core", "glossaryterm"): ("view",),
    ("core", "region"): ("view",),
    ("core", "role"): ("view",),
    ("core", "organisationtype"): ("view",),
    ("taggit", "tag"): ("view",),
    ("curation", "submission"): ("view",),
    ("curation", "publicationevent"): ("view",),
    ("curation", "slugredirect"): ("view",),
}
PUBLISHABLE = {
    ("casestudies", "casestudy"),
    ("vanguards", "vanguardsite"),
    ("guidance", "highimpactaction"),
    ("guidance", "checklist"),
    ("guidance", "consultationarea"),
}
# Publishers also publish, unpublish, restore and delete, and edit what goes live at once.
PUBLISHER = {key: tuple(actions) for key, actions in EDITOR.items()}
for key in PUBLISHABLE:
    PUBLISHER[key] = ("add", "change", "delete", "view", "publish")
for key in [
    ("guidance", "audience"), ("core", "theme"), ("core", "source"), ("core", "glossaryterm"),
    ("core", "region"), ("core", "role"), ("core", "organisationtype"), ("taggit", "tag"),
    ("curation", "slugredirect"),
]:
    PUBLISHER[key] = ROWS
PUBLISHER[("curation", "submission")] = ("change", "delete", "view")
PUBLISHER[("axes", "accessattempt")] = ("view", "delete")


def permissions(apps, table):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for (app_label, model), actions in table.items():
        codenames = [f"{action}_{model}" for action in actions]
        found.extend(
            Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )
    return found


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, table in (("Editor", EDITOR), ("Publisher", PUBLISHER)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions(apps, table))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Publisher"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("casestudies", "0002_initial"),
        ("core", "0001_initial"),
        ("guidance", "0001_initial"),
        ("vanguards", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
