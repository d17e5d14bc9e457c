from django.urls import path

from guidance import views

app_name = "guidance"
urlpatterns = [
    path("high-impact-actions/", views.hia_list, name="hia-list"),
    path("high-impact-actions/<slug:slug>/", views.hia_detail, name="hia-detail"),
    path("checklists/", views.checklist_list, name="checklist-list"),
    path("checklists/<slug:slug>/", views.checklist_detail, name="checklist-detail"),
    path("consultation/", views.consultation_overview, name="consultation"),
    path("consultation/<slug:slug>/", views.consultation_area, name="consultation-area"),
]
