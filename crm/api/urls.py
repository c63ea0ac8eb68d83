"""Every app's endpoints under ``/api/v1/``, the OpenAPI schema and its documentation pages."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from core.api.docs import RedocView, SwaggerView
from core.api.errors import not_found
from crm.api.views import AgreementViewSet, DelegationViewSet, EventViewSet, FollowUpViewSet, MeetingViewSet
from crm.api.visits import VisitViewSet
from partners.api.views import ContactViewSet, CountryViewSet, OrganizationViewSet, SectorViewSet
from projects.api.views import ParkViewSet, ProjectViewSet

router = DefaultRouter()
router.register("countries", CountryViewSet)
router.register("sectors", SectorViewSet)
router.register("organizations", OrganizationViewSet)
router.register("contacts", ContactViewSet)
router.register("parks", ParkViewSet)
router.register("projects", ProjectViewSet)
router.register("events", EventViewSet)
router.register("delegations", DelegationViewSet)
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("follow-ups", FollowUpViewSet, basename="followup")
router.register("visits", VisitViewSet, basename="visit")

urlpatterns = [
    path("v1/", include((router.urls, "api"))),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SwaggerView.as_view(url_name="api_schema"), name="api_docs"),
    path("docs/redoc/", RedocView.as_view(url_name="api_schema"), name="api_redoc"),
    # Anything else under /api/ is the API's JSON 404, not the site's page.
    re_path(r"", not_found),
]
