from django.urls import path

from vinhdanh.web.councils import views

app_name = "councils"
urlpatterns = [
    path("", views.council_list, name="list"),
    path("<int:pk>/", views.council_page, name="council"),
    path("<int:pk>/members/", views.council_add_member, name="add_member"),
    path("members/<int:pk>/end/", views.council_end_member, name="end_member"),
    path("<int:pk>/quorum/", views.council_quorum, name="quorum"),
    path("<int:pk>/sessions/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_page, name="session"),
    path("sessions/<int:pk>/agenda/", views.session_agenda, name="agenda"),
    path(
        "sessions/<int:pk>/agenda/<int:nomination_pk>/remove/",
        views.session_agenda_remove,
        name="agenda_remove",
    ),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="attendance"),
    path("sessions/<int:pk>/recusals/", views.session_recuse, name="recuse"),
    path(
        "sessions/<int:pk>/recusals/<int:recusal_pk>/withdraw/",
        views.session_recusal_withdraw,
        name="recusal_withdraw",
    ),
    path("sessions/<int:pk>/open/", views.session_open, name="open"),
    path("sessions/<int:pk>/vote/", views.session_vote, name="vote"),
    path("sessions/<int:pk>/written/", views.session_written, name="written"),
    path("sessions/<int:pk>/hands/", views.session_hands, name="hands"),
    path("sessions/<int:pk>/close/", views.session_close, name="close"),
    path("sessions/<int:pk>/tally/", views.session_tally, name="tally"),
    path("sessions/<int:pk>/minutes/", views.session_minutes, name="minutes"),
    path("sessions/<int:pk>/minutes.docx", views.session_minutes_docx, name="minutes_docx"),
    path("thresholds/", views.threshold_list, name="thresholds"),
    path("thresholds/new/", views.threshold_edit, name="threshold_new"),
    path("decisions/issue/", views.decision_issue, name="issue"),
    path("decisions/<int:pk>/revoke/", views.decision_revoke, name="revoke"),
]
