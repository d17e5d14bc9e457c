"""Atom feeds, under /feeds/."""

from django.urls import path

from casestudies.feeds import CaseStudyFeed

app_name = "feeds"
urlpatterns = [path("case-studies/", CaseStudyFeed(), name="case-studies")]
