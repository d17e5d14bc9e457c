"""Give a curator an authenticator app (TOTP): the second factor Publishers and superusers need."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Add an authenticator app (TOTP) to an account and print the otpauth:// address to put "
        "into the app (as a QR code or by hand). Publishers and superusers cannot sign in "
        "without one. --replace removes the account's old authenticators first."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The curator's user name.")
        parser.add_argument("--replace", action="store_true", help="Remove old authenticators.")

    def handle(self, *args, name, replace, **options):
        try:
            user = get_user_model().objects.get(username=name)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"There is no account called “{name}”.") from exc
        if replace:
            TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        self.stdout.write(f"Authenticator added for {name}. In the app, add this address:")
        self.stdout.write(device.config_url)
        self.stdout.write("Keep it secret: anyone with it can make this account's codes.")
