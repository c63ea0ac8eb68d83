"""Pages ``core`` serves for every app's records; the project's root URLconf includes them."""

from django.urls import path

from core.history import record_history

urlpatterns = [
    path("history/<str:app_label>/<str:model_name>/<int:pk>/", record_history, name="record_history"),
]
