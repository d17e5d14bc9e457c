"""Two-factor sign-in for the curators' admin (django-otp, TOTP authenticator apps).

A Publisher can make anything public and a superuser can do anything, so a stolen password
alone must not be enough for them: they sign in with a code from an authenticator app, and
without a device they cannot sign in at all (a superuser adds one: README "Curation"). An
Editor's drafts go through a Publisher anyway, so for them the second factor is optional:
asked for only once they have added a device. LIBRARY_TWO_FACTOR=0 turns it off (the test
suite, which signs curators in with force_login).
"""

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm

PUBLISHER_GROUP = "Publisher"
NO_DEVICE = (
    "Publishers and superusers sign in with a code from an authenticator app, and this "
    "account has none yet: ask a superuser to add one (manage.py add_authenticator)."
)


def second_factor_required(user):
    """Whether ``user`` must pass a second factor: a Publisher or a superuser."""
    if not settings.LIBRARY_TWO_FACTOR or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=PUBLISHER_GROUP).exists()


def second_factor_satisfied(user):
    """Whether ``user`` may use the admin: verified by a device, or not required to be."""
    if not settings.LIBRARY_TWO_FACTOR:
        return True
    verified = getattr(user, "is_verified", None)
    if verified is not None and verified():
        return True
    return not second_factor_required(user) and not user_has_device(user, confirmed=True)


class CuratorSignInForm(OTPAdminAuthenticationForm):
    """The admin's sign-in: password, then the authenticator code when the account needs one
    (required by role) or has one (an Editor who chose to add it)."""

    otp_token = forms.CharField(
        required=False,
        label="Code from your authenticator app",
        help_text="Six digits. Needed by Publishers and superusers, and by anyone who added one.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        self.cleaned_data = AdminAuthenticationForm.clean(self)
        user = self.get_user()
        if user is None or not settings.LIBRARY_TWO_FACTOR:
            return self.cleaned_data
        devices = list(devices_for_user(user, confirmed=True))
        if not devices:
            if second_factor_required(user):
                raise forms.ValidationError(NO_DEVICE, code="device_required")
            return self.cleaned_data
        if not self.cleaned_data.get("otp_device") and len(devices) == 1:
            self.cleaned_data["otp_device"] = devices[0].persistent_id
        self.clean_otp(user)
        return self.cleaned_data
