from django.urls import path

from core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("themes/", views.theme_list, name="themes"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("glossary/", views.glossary, name="glossary"),
    path("sources/<slug:slug>/", views.source_detail, name="source"),
]
