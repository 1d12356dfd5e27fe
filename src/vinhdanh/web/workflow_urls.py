"""The nomination workflow's pages, included under "workflow/" in the "web" namespace."""

from django.urls import path

from vinhdanh.web.workflow import inbox, movements, nominations, public, rounds

urlpatterns = [
    path("", inbox.inbox_page, name="workflow_inbox"),
    path("notifications/", inbox.notifications_page, name="workflow_notifications"),
    path(
        "notifications/read-all/",
        inbox.notifications_read_all,
        name="workflow_notifications_read_all",
    ),
    path(
        "notifications/<int:pk>/read/", inbox.notification_read, name="workflow_notification_read"
    ),
    path("movements/", movements.movement_list, name="workflow_movements"),
    path("movements/new/", movements.movement_new, name="workflow_movement_new"),
    path("movements/<int:pk>/", movements.movement_page, name="workflow_movement"),
    path(
        "movements/<int:pk>/documents/",
        movements.movement_document_add,
        name="workflow_movement_document_add",
    ),
    path(
        "movements/<int:pk>/register/",
        movements.movement_register,
        name="workflow_movement_register",
    ),
    path(
        "movement-documents/<int:pk>/",
        movements.movement_document,
        name="workflow_movement_document",
    ),
    path(
        "registrations/<int:pk>/withdraw/",
        movements.registration_withdraw,
        name="workflow_registration_withdraw",
    ),
    path("rounds/", rounds.round_list, name="workflow_rounds"),
    path("rounds/new/", rounds.round_new, name="workflow_round_new"),
    path("rounds/<int:pk>/", rounds.round_page, name="workflow_round"),
    path("rounds/<int:pk>/bulk/", rounds.round_bulk, name="workflow_round_bulk"),
    path(
        "rounds/<int:pk>/quota-override/",
        rounds.round_quota_override,
        name="workflow_round_quota_override",
    ),
    path("rounds/<int:pk>/notice/", rounds.round_notice, name="workflow_round_notice"),
    path("rounds/<int:pk>/nominate/", rounds.nomination_new, name="workflow_nomination_new"),
    path("rounds/<int:pk>/nominees/", rounds.nominee_search, name="workflow_nominee_search"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="workflow_round_edit"),
    path(
        "rounds/<int:pk>/close/",
        rounds.round_end,
        {"action": "close"},
        name="workflow_round_close",
    ),
    path(
        "rounds/<int:pk>/withdraw/",
        rounds.round_end,
        {"action": "withdraw"},
        name="workflow_round_withdraw",
    ),
    path("nominations/<int:pk>/", nominations.nomination_page, name="workflow_nomination"),
    path(
        "nominations/<int:pk>/edit/", nominations.nomination_edit, name="workflow_nomination_edit"
    ),
    path(
        "nominations/<int:pk>/transition/",
        nominations.nomination_transition,
        name="workflow_nomination_transition",
    ),
    path(
        "nominations/<int:pk>/override/",
        nominations.nomination_override,
        name="workflow_nomination_override",
    ),
    path(
        "nominations/<int:pk>/reevaluate/",
        nominations.nomination_reevaluate,
        name="workflow_nomination_reevaluate",
    ),
    path(
        "nominations/<int:pk>/attachments/",
        nominations.attachment_add,
        name="workflow_attachment_add",
    ),
    path("attachments/<int:pk>/", nominations.attachment_download, name="workflow_attachment"),
    path(
        "attachments/<int:pk>/delete/",
        nominations.attachment_delete,
        name="workflow_attachment_delete",
    ),
    path("public/notices/", public.notice_list, name="workflow_public_notices"),
    path("public/notices/<int:pk>/", public.notice_page, name="workflow_public_notice"),
]
