"""Pages of this app; ``crm.urls`` adds the project page to the same ``projects`` namespace."""

from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("new/", views.ProjectCreateView.as_view(), name="project_create"),
    path("bulk/", views.ProjectBulkView.as_view(), name="project_bulk"),
    path("<int:pk>/edit/", views.ProjectUpdateView.as_view(), name="project_update"),
    path("<int:pk>/move/", views.ProjectMoveView.as_view(), name="project_move"),
    path("<int:pk>/inflow/", views.ProjectInflowView.as_view(), name="project_inflow"),
    path("<int:pk>/archive/", views.ProjectArchiveView.as_view(), name="project_archive"),
    path("rates/", views.ExchangeRateListView.as_view(), name="rate_list"),
    path("parks/", views.ParkListView.as_view(), name="park_list"),
    path("parks/<slug:code>/", views.ParkDetailView.as_view(), name="park_detail"),
    path("figures/", views.CityFiguresView.as_view(), name="city_figures"),
]
