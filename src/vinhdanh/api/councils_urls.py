"""The councils and decisions API, included under /api/v1/councils/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from vinhdanh.api.councils import views

router = DefaultRouter()
router.include_root_view = False
router.register("sessions", views.SessionViewSet, basename="council-session")
router.register("", views.CouncilViewSet, basename="council")

urlpatterns = [
    path("thresholds/", views.ThresholdListView.as_view(), name="council-threshold-list"),
    path("decisions/issue/", views.IssueDecisionView.as_view(), name="council-decision-issue"),
    path(
        "decisions/<int:pk>/revoke/",
        views.RevokeAwardsView.as_view(),
        name="council-decision-revoke",
    ),
    path("", include(router.urls)),
]
