from django.urls import path

from vinhdanh.web.programmes import (
    attendance,
    committee_documents,
    dashboards,
    imports,
    review,
    views,
)

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_new, name="new"),
    path("<int:pk>/", views.programme_page, name="programme"),
    path("<int:pk>/indicators/", views.indicator_add, name="add_indicator"),
    path("<int:pk>/activity-kinds/", views.activity_kind_add, name="add_activity_kind"),
    path("<int:pk>/consolidated/", views.consolidated, name="consolidated"),
    path("<int:pk>/activities/", views.activity_list, name="activities"),
    path("<int:pk>/import/", imports.imports_page, name="imports"),
    path("<int:pk>/import/activities/", imports.activities_upload, name="import_activities"),
    path("<int:pk>/import/reports/", imports.reports_upload, name="import_reports"),
    path(
        "<int:pk>/import/activities.xlsx",
        imports.activities_template,
        name="import_activities_template",
    ),
    path("<int:pk>/import/reports.xlsx", imports.reports_template, name="import_reports_template"),
    path("<int:pk>/activities/<int:activity_pk>/", attendance.activity_page, name="activity"),
    path(
        "<int:pk>/activities/<int:activity_pk>/attendance/",
        attendance.attendance_upload,
        name="attendance_upload",
    ),
    path(
        "<int:pk>/activities/<int:activity_pk>/attendance.xlsx",
        attendance.attendance_template,
        name="attendance_template",
    ),
    path(
        "<int:pk>/activities/<int:activity_pk>/attachments/",
        attendance.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "<int:pk>/activities/<int:activity_pk>/attachments/<int:activity_attachment_pk>/",
        attendance.attachment_download,
        name="attachment",
    ),
    path("<int:pk>/review/", review.review_page, name="review"),
    path("<int:pk>/review/report.docx", review.review_docx, name="review_docx"),
    path("<int:pk>/review/round/", review.review_round, name="review_round"),
    path("<int:pk>/review/charts/<slug:chart>.svg", review.review_chart, name="review_chart"),
    path(
        "<int:pk>/review/charts/<slug:chart>.xlsx",
        review.review_chart_xlsx,
        name="review_chart_xlsx",
    ),
    path("<int:pk>/dashboard/", dashboards.dashboard_page, name="dashboard"),
    path("<int:pk>/dashboard/<slug:chart>.svg", dashboards.dashboard_chart, name="dashboard_chart"),
    path("<int:pk>/dashboard/<slug:chart>.xlsx", dashboards.dashboard_xlsx, name="dashboard_xlsx"),
    path("<int:pk>/committees/", views.committee_add, name="add_committee"),
    path(
        "<int:pk>/committees/<int:committee_pk>/decisions/",
        views.committee_decision,
        name="committee_decision",
    ),
    path(
        "<int:pk>/committee-decisions/<int:committee_decision_pk>.docx",
        committee_documents.committee_decision_docx,
        name="committee_decision_docx",
    ),
    path("<int:pk>/periods/<str:period>/", views.period_page, name="period"),
    path("<int:pk>/periods/<str:period>/lock/", views.period_lock, name="lock"),
    path("<int:pk>/periods/<str:period>/unlock/", views.period_unlock, name="unlock"),
    path("<int:pk>/periods/<str:period>/units/<int:unit_pk>/", views.report_page, name="report"),
    path(
        "<int:pk>/periods/<str:period>/units/<int:unit_pk>/approve/",
        views.report_approve,
        name="approve",
    ),
    path(
        "<int:pk>/periods/<str:period>/units/<int:unit_pk>/return/",
        views.report_return,
        name="return",
    ),
]
