from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from vinhdanh.web.views.health import healthz

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("vinhdanh.api.urls")),
    path("", include("vinhdanh.web.urls")),
]

# JSON under /api/ (vinhdanh.api.views.not_found), Django's page elsewhere.
handler404 = "vinhdanh.api.views.not_found.page_not_found"
