from django.urls import include, path

from vinhdanh.web.views import about, audit, awards, home, orgs, people

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("about/", about.about, name="about"),
    path("units/", orgs.unit_tree, name="units"),
    path("units/pick/", orgs.unit_picker, name="unit_picker"),
    path("units/<int:pk>/", orgs.unit_page, name="unit"),
    path("units/<int:pk>/people.xlsx", orgs.unit_people_xlsx, name="unit_people_xlsx"),
    path("people/", people.people_list, name="people"),
    path("people/export.xlsx", people.people_xlsx, name="people_xlsx"),
    path("people/<int:pk>/", people.person_page, name="person"),
    path("catalogue/", awards.catalogue, name="catalogue"),
    path("decisions/", awards.decision_list, name="decisions"),
    path("decisions/<int:pk>/", awards.decision_page, name="decision"),
    path("audit/", audit.audit_log, name="audit"),
    path("eligibility/", include("vinhdanh.web.eligibility_urls")),
    path("imports/", include("vinhdanh.web.imports_urls")),
    path("jobs/", include("vinhdanh.web.jobs_urls")),
    path("councils/", include("vinhdanh.web.councils_urls")),
    path("workflow/", include("vinhdanh.web.workflow_urls")),
    path("documents/", include("vinhdanh.web.documents_urls")),
    path("programmes/", include("vinhdanh.web.programmes_urls")),
    path("statistics/", include("vinhdanh.web.statistics_urls")),
]
