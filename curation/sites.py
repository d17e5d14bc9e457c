"""The admin site curators use: Django's admin with a home page that shows what needs doing."""

import datetime

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.models import Status
from curation.models import PublicationEvent, Submission
from curation.otp import CuratorSignInForm, second_factor_satisfied
from curation.workflow import publishable_models
from search.models import BestBet, Document

DUE_SOON_DAYS = 30
SHOW = 10
TECHNICAL_APPS = {"auth", "axes", "taggit", "admin", "contenttypes", "sessions"}
PLAIN_MODEL_NAMES = {
    "GlossaryTerm": "Glossary",
    "SlugRedirect": "Old addresses",
    "HighImpactAction": "High Impact Actions",
    "ConsultationArea": "Consultation question areas",
    "AccessAttempt": "Failed sign-ins",
    "AccessLog": "Sign-in log",
    "AccessFailureLog": "Sign-in failures",
}


class CurationAdminSite(admin.AdminSite):
    site_header = "GP Innovation Library: curation"
    site_title = "GP Innovation Library curation"
    index_title = "Curation"
    login_form = CuratorSignInForm  # password, then the authenticator code (curation/otp.py)
    login_template = "curation/sign_in.html"

    def has_permission(self, request):
        """Staff, and for Publishers and superusers signed in with their second factor."""
        return super().has_permission(request) and second_factor_satisfied(request.user)

    def index(self, request, extra_context=None):
        context = {"dashboard": dashboard(request), **(extra_context or {})}
        return super().index(request, extra_context=context)

    def get_app_list(self, request, app_label=None):
        """Plain names, and no technical apps (accounts, tags, sign-in records) for anyone
        but a superuser: Editors and Publishers see only the library and its records."""
        app_list = super().get_app_list(request, app_label)
        if not request.user.is_superuser:
            app_list = [app for app in app_list if app["app_label"] not in TECHNICAL_APPS]
        for app in app_list:
            for model in app["models"]:
                model["name"] = PLAIN_MODEL_NAMES.get(model["object_name"], model["name"])
        return app_list


def _row(obj, model, **extra):
    opts = model._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        url = ""
    return {"obj": obj, "kind": opts.verbose_name, "url": url, **extra}


def dashboard(request):
    """What is due or overdue for review, what waits in review, what was published lately,
    and recommended pages for searches whose page is no longer published at their address.

    A fixed number of queries (two per content model, one for the audit list and one for
    the recommendations), whatever the size of the library.
    """
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    due, in_review = [], []
    for model in publishable_models():
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        rows = (
            model._default_manager.filter(review_due__lte=soon)
            .exclude(status=Status.ARCHIVED)
            .order_by("review_due")[:SHOW]
        )
        due += [_row(o, model, overdue=o.review_due < today) for o in rows]
        waiting = (
            model._default_manager.filter(status=Status.REVIEW)
            .select_related("updated_by")
            .order_by("-updated_at")[:SHOW]
        )
        in_review += [_row(o, model) for o in waiting]
    due.sort(key=lambda row: row["obj"].review_due)
    in_review.sort(key=lambda row: row["obj"].updated_at, reverse=True)
    published = PublicationEvent.objects.filter(
        action=PublicationEvent.Action.PUBLISHED
    ).select_related("user")[:SHOW]
    submissions = []
    if request.user.has_perm("curation.view_submission"):
        submissions = list(Submission.objects.select_related("case_study")[:5])
    lost = []
    if request.user.has_perm("search.view_bestbet"):
        # a page unpublished or moved to a new address since it was recommended
        page = Document.objects.filter(url=OuterRef("url"))
        lost = [_row(bet, BestBet) for bet in BestBet.objects.filter(~Exists(page))[:SHOW]]
    return {
        "lost_recommendations": lost,
        "due": due[:SHOW],
        "in_review": in_review[:SHOW],
        "published": list(published),
        "submissions": submissions,
        "due_soon_days": DUE_SOON_DAYS,
    }
