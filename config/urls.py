"""Top-level URLs."""

from django.contrib import admin
from django.urls import include, path

from curation import views as curation_views

urlpatterns = [
    path("", include("core.urls")),
    path("case-studies/submit/", curation_views.submit_story, name="submit-story"),
    path("case-studies/", include("casestudies.urls")),
    path("vanguards/", include("vanguards.urls")),
    path("guidance/", include("guidance.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
