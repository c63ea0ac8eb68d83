"""One way to fetch a record for a user: 404 if they may not see it, 403 if they may not change it."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied


def _perm(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class RecordAccessMixin(LoginRequiredMixin):
    """For detail, edit and action views on a single record.

    Visibility comes from the model's ``QuerySet.visible_to(user)`` when it has one (records
    outside it are a 404, as if they did not exist); the model's view permission is required;
    with ``for_change = True`` the record must also pass ``can_change`` or the user gets a 403.
    """

    for_change = False

    def get_queryset(self):
        queryset = super().get_queryset()
        visible_to = getattr(queryset, "visible_to", None)
        return visible_to(self.request.user) if visible_to else queryset

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.request.user.has_perm(_perm(type(obj), "view")):
            raise PermissionDenied
        if self.for_change and not self.can_change(obj):
            raise PermissionDenied
        return obj

    def can_change(self, obj) -> bool:
        """Override where ownership matters (projects, follow-ups)."""
        return self.request.user.has_perm(_perm(type(obj), "change"))
