from django.urls import path

from vanguards import views

app_name = "vanguards"
urlpatterns = [
    path("", views.vanguard_list, name="list"),
    path("compare/", views.compare, name="compare"),
    path("<slug:slug>/", views.vanguard_detail, name="detail"),
]
