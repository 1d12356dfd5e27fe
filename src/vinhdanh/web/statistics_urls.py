"""Statistics of emulation and commendation, included under "statistics/"."""

from django.urls import path

from vinhdanh.web.statistics import views

app_name = "statistics"
urlpatterns = [
    path("", views.statistics_page, name="page"),
    path("forms.xlsx", views.forms_table_xlsx, name="table_xlsx"),
    path("0601.xlsx", views.form_0601_xlsx, name="form_0601"),
    path("0602.xlsx", views.form_0602_xlsx, name="form_0602"),
]
