from django.contrib.sitemaps.views import sitemap
from django.urls import path

from pages import evidence, like_mine, views
from pages.sitemaps import SITEMAPS

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("themes/", views.theme_list, name="themes"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("glossary/", views.glossary, name="glossary"),
    path("evidence/", evidence.evidence, name="evidence"),
    path("evidence/about/", evidence.evidence_about, name="evidence-about"),
    path("like-mine/", like_mine.like_mine, name="like-mine"),
    path("sources/<slug:slug>/", views.source_detail, name="source"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
