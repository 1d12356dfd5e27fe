"""Background jobs; included by web/urls.py under "jobs/" (names get the "web:" prefix)."""

from django.urls import URLPattern, path

from vinhdanh.web.views import jobs

urlpatterns: list[URLPattern] = [
    path("", jobs.job_list, name="jobs"),
    path("<int:pk>/", jobs.job_page, name="job"),
    path("<int:pk>/retry/", jobs.job_retry, name="job_retry"),
    path("<int:pk>/confirm/", jobs.job_confirm, name="job_confirm"),
    path("<int:pk>/download/", jobs.job_download, name="job_download"),
]
