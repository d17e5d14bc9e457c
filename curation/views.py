"""Public views of the curation app: the "Share your practice's story" form and the lockout page."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from curation import ratelimit
from curation.forms import HONEYPOT, SubmissionForm
from curation.services import TryAgain, create_submission

SUBMIT_TEMPLATE = "curation/submit_story.html"
THANKS_TEMPLATE = "curation/submit_thanks.html"
RATE_SCOPE = "submit-story"
RATE_LIMITED = (
    "You have already sent {limit} stories in the last hour, which is as many as we accept "
    "from one connection. Please wait an hour and send this one again; nothing has been "
    "saved yet."
)
BUSY = (
    "Your story could not be saved just now because the library is busy. Nothing has been "
    "saved and nothing you typed is lost: please send it again in a few seconds."
)
HONEYPOT_FILLED = (
    "Your story was not sent: the field labelled “Leave this field empty” was filled in, "
    "which is what automated programs do. If you are a person, please send the form again "
    "and leave that field empty."
)


@require_http_methods(["GET", "POST"])
def submit_story(request):
    """A practice proposes a case study; it becomes a draft for curators, never public as is.

    The address's allowance is claimed before anything else, so parallel posts cannot all pass
    the limit; a story that is not saved after all (errors, a busy database) gives it back.
    """
    if request.method == "GET":
        if request.GET.get("sent") == "1":
            return render(request, THANKS_TEMPLATE)
        return render(request, SUBMIT_TEMPLATE, {"form": SubmissionForm()})
    limit = settings.SUBMISSION_RATE_LIMIT
    form = SubmissionForm(request.POST)
    claimed = ratelimit.claim_submission(RATE_SCOPE, request, limit=limit)
    if claimed is None:
        context = {"form": form, "refusal": RATE_LIMITED.format(limit=limit)}
        return render(request, SUBMIT_TEMPLATE, context, status=429)
    if request.POST.get(HONEYPOT):
        context = {"form": SubmissionForm(), "refusal": HONEYPOT_FILLED}
        return render(request, SUBMIT_TEMPLATE, context, status=400)  # the claim stays used
    if not form.is_valid():
        ratelimit.give_back(claimed)
        return render(request, SUBMIT_TEMPLATE, {"form": form}, status=400)
    data = form.cleaned_data
    try:
        create_submission(
            organisation=data["organisation"],
            place=data["place"],
            contact_email=data["contact_email"],
            themes=data["themes"],
            roles=data["roles"],
            what_they_did=data["what_they_did"],
            impact=data["impact"],
            figures=data["figures"],
        )
    except TryAgain:
        ratelimit.give_back(claimed)
        response = render(request, SUBMIT_TEMPLATE, {"form": form, "refusal": BUSY}, status=503)
        response["Retry-After"] = "10"
        return response
    return redirect(reverse("submit-story") + "?sent=1")


def lockout(request, original_response=None, credentials=None):
    """django-axes: too many failed sign-ins for this username from this address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "curation/lockout.html", context, status=429)
