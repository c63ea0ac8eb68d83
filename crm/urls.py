from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from crm import directory_urls, lookups
from partners import urls as partners_urls
from projects import urls as projects_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    # Log in, log out and change one's password. No e-mailed password reset: accounts are
    # managed by administrators; the only mail is the reminder digest (``send_reminders``).
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The REST API (/api/v1/), its OpenAPI schema and documentation pages.
    path("api/", include("crm.api.urls")),
    # The search-as-you-type endpoint every ``core.widgets.SearchSelect`` asks; outside any app's namespace.
    path("lookup/<str:kind>/", lookups.lookup, name="lookup"),
    path("", include("core.urls")),
    # One namespace per app for its records, whichever app draws the page.
    path("partners/", include((partners_urls.urlpatterns + directory_urls.urlpatterns, partners_urls.app_name))),
    path(
        "projects/",
        include((projects_urls.urlpatterns + directory_urls.project_urlpatterns, projects_urls.app_name)),
    ),
    path("", include("crm.engagement_urls")),
]

# The pages shown when a visitor is refused, lost or meets an error (core/errors.py, templates/4xx, 500).
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
