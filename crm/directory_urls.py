"""Pages drawn by ``crm`` for other apps' records, served in those apps' namespaces beside their own pages."""

from django.urls import path

from crm.views import directory, project_detail

urlpatterns = [
    path("organizations/", directory.OrganizationListView.as_view(), name="organization_list"),
    path("organizations/<int:pk>/", directory.OrganizationDetailView.as_view(), name="organization_detail"),
    path("contacts/<int:pk>/", directory.ContactDetailView.as_view(), name="contact_detail"),
    path("countries/", directory.CountryListView.as_view(), name="country_list"),
    path("countries/<str:code>/", directory.CountryDetailView.as_view(), name="country_detail"),
    path("groups/<slug:code>/", directory.CountryGroupDetailView.as_view(), name="country_group_detail"),
]

project_urlpatterns = [
    path("", directory.PipelineListView.as_view(), name="project_list"),
    path("<int:pk>/", project_detail.ProjectDetailView.as_view(), name="project_detail"),
]
