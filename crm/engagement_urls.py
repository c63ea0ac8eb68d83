"""URLs of the engagement pages; the project-wide ``crm.urls`` includes them at the site root."""

from django.urls import path

from crm.views import agreements, dashboard, delegations, events, followups, imports, kpis, meetings, my_work, visit

app_name = "crm"

urlpatterns = [
    path("", my_work.MyWorkView.as_view(), name="my_work"),
    path("dashboard/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("kpis/", kpis.KpiView.as_view(), name="kpis"),
    path("imports/", imports.ImportStartView.as_view(), name="imports"),
    path("imports/<int:pk>/", imports.ImportPreviewView.as_view(), name="import_preview"),
    path("imports/template/<str:kind>.xlsx", imports.ImportTemplateView.as_view(), name="import_template"),
    path("visits/log/", visit.VisitLogView.as_view(), name="visit_log"),
    path("delegations/", delegations.DelegationListView.as_view(), name="delegation_list"),
    path("delegations/new/", delegations.DelegationCreateView.as_view(), name="delegation_create"),
    path("delegations/<int:pk>/", delegations.DelegationDetailView.as_view(), name="delegation_detail"),
    path("delegations/<int:pk>/edit/", delegations.DelegationUpdateView.as_view(), name="delegation_update"),
    path("meetings/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", meetings.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.MeetingUpdateView.as_view(), name="meeting_update"),
    path("agreements/", agreements.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/new/", agreements.AgreementCreateView.as_view(), name="agreement_create"),
    path("agreements/<int:pk>/", agreements.AgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/<int:pk>/edit/", agreements.AgreementUpdateView.as_view(), name="agreement_update"),
    path(
        "agreements/<int:pk>/make-project/",
        agreements.AgreementMakeProjectView.as_view(),
        name="agreement_make_project",
    ),
    path("events/", events.EventListView.as_view(), name="event_list"),
    path("events/new/", events.EventCreateView.as_view(), name="event_create"),
    path("events/<int:pk>/", events.EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/edit/", events.EventUpdateView.as_view(), name="event_update"),
    path("follow-ups/", followups.FollowUpListView.as_view(), name="followup_list"),
    path("follow-ups/new/", followups.FollowUpCreateView.as_view(), name="followup_create"),
    path("follow-ups/<int:pk>/", followups.FollowUpDetailView.as_view(), name="followup_detail"),
    path("follow-ups/<int:pk>/edit/", followups.FollowUpUpdateView.as_view(), name="followup_update"),
    path("follow-ups/<int:pk>/complete/", followups.FollowUpCompleteView.as_view(), name="followup_complete"),
    path("follow-ups/<int:pk>/cancel/", followups.FollowUpCancelView.as_view(), name="followup_cancel"),
    path("follow-ups/<int:pk>/reopen/", followups.FollowUpReopenView.as_view(), name="followup_reopen"),
]
