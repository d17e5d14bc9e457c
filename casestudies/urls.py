from django.urls import path

from casestudies import views

app_name = "casestudies"
urlpatterns = [
    path("", views.case_study_list, name="list"),
    path("compare/", views.compare, name="compare"),
    path("<slug:slug>/", views.case_study_detail, name="detail"),
]
