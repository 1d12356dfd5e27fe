from django.urls import path

from vinhdanh.web.programmes import dashboards, review, views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_new, name="new"),
    path("<int:pk>/", views.programme_page, name="programme"),
    path("<int:pk>/indicators/", views.indicator_add, name="add_indicator"),
    path("<int:pk>/activity-kinds/", views.activity_kind_add, name="add_activity_kind"),
    path("<int:pk>/consolidated/", views.consolidated, name="consolidated"),
    path("<int:pk>/activities/", views.activity_list, name="activities"),
    path("<int:pk>/review/", review.review_page, name="review"),
    path("<int:pk>/review/report.docx", review.review_docx, name="review_docx"),
    path("<int:pk>/review/round/", review.review_round, name="review_round"),
    path("<int:pk>/review/charts/<slug:chart>.png", review.review_chart, name="review_chart"),
    path(
        "<int:pk>/review/charts/<slug:chart>.xlsx",
        review.review_chart_xlsx,
        name="review_chart_xlsx",
    ),
    path("<int:pk>/dashboard/", dashboards.dashboard_page, name="dashboard"),
    path("<int:pk>/dashboard/<slug:chart>.png", dashboards.dashboard_chart, name="dashboard_chart"),
    path("<int:pk>/dashboard/<slug:chart>.xlsx", dashboards.dashboard_xlsx, name="dashboard_xlsx"),
    path("<int:pk>/committees/", views.committee_add, name="add_committee"),
    path(
        "<int:pk>/committees/<int:committee_pk>/decisions/",
        views.committee_decision,
        name="committee_decision",
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
