"""URLs of the engagement pages; the project-wide ``crm.urls`` includes them."""

from django.urls import path

app_name = "crm"

urlpatterns: list = []
