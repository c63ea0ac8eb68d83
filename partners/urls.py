"""Pages of this app; ``crm.urls`` adds the directory pages to the same ``partners`` namespace."""

from django.urls import path

from partners import merge_views, views

app_name = "partners"

urlpatterns = [
    path("organizations/new/", views.OrganizationCreateView.as_view(), name="organization_create"),
    path("organizations/<int:pk>/edit/", views.OrganizationUpdateView.as_view(), name="organization_update"),
    path("organizations/<int:pk>/archive/", views.OrganizationArchiveView.as_view(), name="organization_archive"),
    path("organizations/duplicates/", merge_views.DuplicateListView.as_view(), name="organization_duplicates"),
    path("organizations/<int:pk>/merge/", merge_views.OrganizationMergeView.as_view(), name="organization_merge"),
    path("contacts/", views.ContactListView.as_view(), name="contact_list"),
    path("contacts/new/", views.ContactCreateView.as_view(), name="contact_create"),
    path("contacts/<int:pk>/edit/", views.ContactUpdateView.as_view(), name="contact_update"),
    path("contacts/<int:pk>/archive/", views.ContactArchiveView.as_view(), name="contact_archive"),
]
