from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from vinhdanh.web.views import account
from vinhdanh.web.views.health import favicon, healthz

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", account.SignInView.as_view(), name="login"),
    path("login/code/", account.login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("vinhdanh.web.account_urls")),
    path("admin/login/", account.admin_login),
    path("admin/", admin.site.urls),
    path("api/v1/", include("vinhdanh.api.urls")),
    path("", include("vinhdanh.web.urls")),
]

# JSON under /api/ (vinhdanh.api.views.not_found), Django's page elsewhere.
handler404 = "vinhdanh.api.views.not_found.page_not_found"
