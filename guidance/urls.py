from django.urls import path

from guidance import print_views, views

app_name = "guidance"
urlpatterns = [
    path("high-impact-actions/", views.hia_list, name="hia-list"),
    path("high-impact-actions/<slug:slug>/", views.hia_detail, name="hia-detail"),
    path("checklists/", views.checklist_list, name="checklist-list"),
    path("checklists/<slug:slug>/", views.checklist_detail, name="checklist-detail"),
    path("consultation/", views.consultation_overview, name="consultation"),
    path("consultation/<slug:slug>/", views.consultation_area, name="consultation-area"),
    # Printable pages and downloads (one view per subject, the format as an argument).
    path(
        "checklists/<slug:slug>/print/",
        print_views.checklist_export,
        {"fmt": "print"},
        name="checklist-print",
    ),
    path(
        "checklists/<slug:slug>.pdf",
        print_views.checklist_export,
        {"fmt": "pdf"},
        name="checklist-pdf",
    ),
    path(
        "checklists/<slug:slug>.docx",
        print_views.checklist_export,
        {"fmt": "docx"},
        name="checklist-docx",
    ),
    path(
        "checklists/<slug:slug>.md",
        print_views.checklist_export,
        {"fmt": "md"},
        name="checklist-md",
    ),
    path(
        "high-impact-actions/<slug:slug>/print/",
        print_views.hia_export,
        {"fmt": "print"},
        name="hia-print",
    ),
    path(
        "high-impact-actions/<slug:slug>.pdf",
        print_views.hia_export,
        {"fmt": "pdf"},
        name="hia-pdf",
    ),
    path(
        "high-impact-actions/<slug:slug>.docx",
        print_views.hia_export,
        {"fmt": "docx"},
        name="hia-docx",
    ),
    path(
        "high-impact-actions/<slug:slug>.md", print_views.hia_export, {"fmt": "md"}, name="hia-md"
    ),
    path("plan/", print_views.plan_builder, name="plan"),
    path("plan/print/", print_views.plan_export, {"fmt": "print"}, name="plan-print"),
    path("plan.pdf", print_views.plan_export, {"fmt": "pdf"}, name="plan-pdf"),
    path("plan.docx", print_views.plan_export, {"fmt": "docx"}, name="plan-docx"),
    path("plan.md", print_views.plan_export, {"fmt": "md"}, name="plan-md"),
]
