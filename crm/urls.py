from django.contrib import admin
from django.urls import include, path

from crm.history_views import record_history

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("history/<str:app_label>/<str:model_name>/<int:pk>/", record_history, name="record_history"),
    path("partners/", include("partners.urls")),
    path("projects/", include("projects.urls")),
    path("", include("crm.engagement_urls")),
]
