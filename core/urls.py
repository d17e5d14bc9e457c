from django.contrib.sitemaps.views import sitemap
from django.urls import path

from core import views
from core.feeds import CaseStudyFeed
from core.sitemaps import SITEMAPS

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("themes/", views.theme_list, name="themes"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("glossary/", views.glossary, name="glossary"),
    path("sources/<slug:slug>/", views.source_detail, name="source"),
    path("feeds/case-studies/", CaseStudyFeed(), name="feed-case-studies"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
