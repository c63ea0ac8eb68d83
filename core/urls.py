"""Pages ``core`` serves for every app's records; the project's root URLconf includes them."""

from django.urls import path

from core import notes_views
from core.api_token_views import ApiTokenListView, ApiTokenRevokeView
from core.history import record_history
from core.notification_views import (
    notification_list,
    notification_open,
    notification_read_all,
    reminder_preference,
)
from core.saved_views import delete_view, save_view
from core.search.views import SearchView

urlpatterns = [
    path("account/tokens/", ApiTokenListView.as_view(), name="api_token_list"),
    path("account/tokens/<int:pk>/revoke/", ApiTokenRevokeView.as_view(), name="api_token_revoke"),
    path("account/reminders/", reminder_preference, name="reminder_preference"),
    path("notifications/", notification_list, name="notification_list"),
    path("notifications/read/", notification_read_all, name="notification_read_all"),
    path("notifications/<int:pk>/", notification_open, name="notification_open"),
    path("search/", SearchView.as_view(), name="search"),
    path("history/<str:app_label>/<str:model_name>/<int:pk>/", record_history, name="record_history"),
    path("notes/<str:app_label>/<str:model_name>/<str:pk>/", notes_views.record_notes, name="record_notes"),
    path("notes/<str:app_label>/<str:model_name>/<str:pk>/add/", notes_views.add_note, name="note_add"),
    path("notes/<str:app_label>/<str:model_name>/<str:pk>/attach/", notes_views.add_attachment, name="attachment_add"),
    path("notes/<str:pk>/remove/", notes_views.remove_note, name="note_remove"),
    path("files/<str:pk>/", notes_views.download, name="attachment_download"),
    path("files/<str:pk>/thumbnail/", notes_views.thumbnail, name="attachment_thumbnail"),
    path("files/<str:pk>/remove/", notes_views.remove_attachment, name="attachment_remove"),
    path("saved-views/", save_view, name="saved_view_save"),
    path("saved-views/<int:pk>/delete/", delete_view, name="saved_view_delete"),
]
