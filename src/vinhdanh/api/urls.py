from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from vinhdanh.api import views
from vinhdanh.api.programmes import views as programme_views

router = DefaultRouter()
router.register("units", views.UnitViewSet, basename="unit")
router.register("people", views.PersonViewSet, basename="person")
router.register("awards", views.AwardViewSet, basename="award")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("award-kinds", views.AwardKindViewSet, basename="award-kind")
router.register("programmes", programme_views.ProgrammeViewSet, basename="programme")
router.register(
    "programme-activities", programme_views.ActivityViewSet, basename="programme-activity"
)
router.register(
    "programme-reports", programme_views.PeriodReportViewSet, basename="programme-report"
)

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("eligibility/", include("vinhdanh.api.eligibility_urls")),
    path("workflow/", include("vinhdanh.api.workflow_urls")),
    path("councils/", include("vinhdanh.api.councils_urls")),
    path("", include(router.urls)),
]
