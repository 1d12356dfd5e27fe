from django.urls import path

from vinhdanh.api.eligibility import views

urlpatterns = [
    path("people/<int:pk>/", views.PersonEligibilityView.as_view(), name="person-eligibility"),
    path("units/<int:pk>/candidates/", views.UnitCandidatesView.as_view(), name="unit-candidates"),
    path(
        "units/<int:pk>/collective-candidates/",
        views.UnitCollectiveCandidatesView.as_view(),
        name="unit-collective-candidates",
    ),
    path(
        "units/<int:pk>/",
        views.UnitCollectiveEligibilityView.as_view(),
        name="unit-eligibility",
    ),
    path("cases/", views.CaseEvaluationView.as_view(), name="eligibility-cases"),
]
