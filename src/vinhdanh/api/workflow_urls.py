"""The workflow API, included under /api/v1/workflow/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from vinhdanh.api.workflow import views

router = DefaultRouter()
router.include_root_view = False
router.register("rounds", views.RoundViewSet, basename="workflow-round")
router.register("nominations", views.NominationViewSet, basename="workflow-nomination")
router.register("notifications", views.NotificationViewSet, basename="workflow-notification")

urlpatterns = [path("", include(router.urls))]
