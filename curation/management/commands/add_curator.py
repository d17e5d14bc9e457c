"""Add a curator: a staff account in the Editor or Publisher group, with a checked password."""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

ROLES = {"editor": "Editor", "publisher": "Publisher"}


class Command(BaseCommand):
    help = (
        "Add a curator who signs in at /admin/: an Editor (drafts, sends for review) or a "
        "Publisher (also publishes). Prompts for the password unless --password is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The curator's user name, e.g. their e-mail address.")
        parser.add_argument("--role", choices=sorted(ROLES), required=True)
        parser.add_argument("--email", default="", help="Their e-mail address (optional).")
        parser.add_argument("--password", help="Otherwise you are asked for it twice.")

    def handle(self, *args, name, role, email, password, **options):
        users = get_user_model()
        if users.objects.filter(username=name).exists():
            raise CommandError(f"There is already an account called “{name}”.")
        try:
            group = Group.objects.get(name=ROLES[role])
        except Group.DoesNotExist as exc:
            raise CommandError(
                "Run `python manage.py migrate` first: it creates the roles."
            ) from exc
        user = users(username=name, email=email or (name if "@" in name else ""), is_staff=True)
        password = password if password is not None else self.ask_password()
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("That password is not accepted: " + " ".join(exc.messages)) from exc
        user.set_password(password)
        user.save()
        user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(f"Added {ROLES[role]} “{name}”: they can sign in at /admin/.")
        )

    def ask_password(self):
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was added.")
        return first
