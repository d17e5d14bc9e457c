"""Top-level URLs."""

from django.contrib import admin
from django.urls import include, path

from curation import views as curation_views

urlpatterns = [
    path("", include("pages.urls")),
    path("feeds/", include("casestudies.feed_urls")),
    path("case-studies/submit/", curation_views.submit_story, name="submit-story"),
    path("case-studies/", include("casestudies.urls")),
    path("vanguards/", include("vanguards.urls")),
    path("guidance/", include("guidance.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "pages.views.bad_request"
handler404 = "pages.views.page_not_found"
handler500 = "pages.views.server_error"
