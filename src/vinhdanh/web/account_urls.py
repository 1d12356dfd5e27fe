from django.contrib.auth import views as auth_views
from django.urls import path

from vinhdanh.web.views import account

app_name = "account"
urlpatterns = [
    path("security/", account.security, name="security"),
    path("security/setup/", account.two_factor_setup, name="two_factor_setup"),
    path("lockouts/", account.lockouts, name="lockouts"),
    path("lockouts/unlock/", account.unlock, name="unlock"),
    path("lockouts/reset-second-factor/", account.reset_second_factor, name="reset_second_factor"),
    path("password-reset/", account.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="web/account/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="web/account/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
