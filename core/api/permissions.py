"""Which model permission each API operation needs; who may change which record is ``core.access.can_change``."""

from rest_framework.permissions import DjangoModelPermissions


class ModelPermissions(DjangoModelPermissions):
    """Reading needs the model's ``view`` permission, creating ``add``, changing ``change``.

    An action on a record (move a project, complete a follow-up) needs only ``view`` here: the
    service it calls decides whether this user may, by the same rules as the pages.
    """

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view):
        if getattr(view, "action", None) in getattr(view, "service_actions", ()):
            if not (request.user and request.user.is_authenticated):
                return False
            model = self._queryset(view).model
            return request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        return super().has_permission(request, view)
