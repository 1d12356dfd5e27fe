from django.urls import path

from vinhdanh.web.views import eligibility

urlpatterns = [
    path("people/<int:pk>/", eligibility.person_eligibility, name="person_eligibility"),
    path("people/<int:pk>/<str:code>/", eligibility.why, name="eligibility_why"),
    path("units/", eligibility.unit_candidates_choose, name="unit_candidates_choose"),
    path("units/<int:pk>/", eligibility.unit_candidates, name="unit_candidates"),
    path(
        "units/<int:pk>/candidates.xlsx",
        eligibility.unit_candidates_xlsx,
        name="unit_candidates_xlsx",
    ),
    path(
        "units/<int:pk>/nominate/",
        eligibility.unit_candidates_nominate,
        name="unit_candidates_nominate",
    ),
    path("units/<int:pk>/collectives/", eligibility.unit_collectives, name="unit_collectives"),
    path(
        "units/<int:pk>/collectives.xlsx",
        eligibility.unit_collectives_xlsx,
        name="unit_collectives_xlsx",
    ),
    path("units/<int:pk>/why/<str:code>/", eligibility.collective_why, name="collective_why"),
    path("parameters/", eligibility.parameters, name="eligibility_parameters"),
]
