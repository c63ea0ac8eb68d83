from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from crm.history_views import record_history

urlpatterns = [
    path("admin/", admin.site.urls),
    # Log in, log out and change one's password. No e-mailed password reset: accounts are
    # managed by administrators, and the product sends no mail.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("history/<str:app_label>/<str:model_name>/<int:pk>/", record_history, name="record_history"),
    path("partners/", include("partners.urls")),
    path("projects/", include("projects.urls")),
    path("", include("crm.engagement_urls")),
]

# The pages shown when a visitor is refused, lost or meets an error (core/errors.py, templates/4xx, 500).
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
