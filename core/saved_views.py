"""Saved views: a user names the filters of a list and opens them again from the list's menu.

A view is the list's URL name and its query string, nothing of what the list shows: opening one runs
the list afresh, through its own filters and visibility rules. A user with ``core.share_savedview``
(managers) may offer theirs to everyone.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.listing import querystring_without_empty
from core.models import SavedView

NAME_LENGTH = SavedView._meta.get_field("name").max_length
# Parameters that belong to a visit, not to the view: the page shown and an export asked for.
NOT_KEPT = ("page", "format")


def _list_path(list_name: str) -> str | None:
    try:
        return reverse(list_name)
    except NoReverseMatch:
        return None


@login_required
@require_POST
def save_view(request):
    """Keep the posted list's filters under the posted name; the same name on the same list is replaced."""
    list_name = request.POST.get("list_name", "")
    path = _list_path(list_name)
    if path is None:
        messages.error(request, _("That list does not exist; nothing was saved."))
        return HttpResponseRedirect("/")
    query = QueryDict(request.POST.get("query", ""))
    kept = querystring_without_empty(query, **dict.fromkeys(NOT_KEPT))
    name = " ".join(request.POST.get("name", "").split())
    back = f"{path}?{kept}" if kept else path
    if not name:
        messages.error(request, _("Give the view a name; nothing was saved."))
        return HttpResponseRedirect(back)
    if len(name) > NAME_LENGTH:
        messages.error(
            request, _("A view's name has at most %(limit)d characters; nothing was saved.") % {"limit": NAME_LENGTH}
        )
        return HttpResponseRedirect(back)
    shared = request.POST.get("shared") == "on"
    if shared and not request.user.has_perm("core.share_savedview"):
        messages.error(request, _("Only a manager may share a view with everyone; nothing was saved."))
        return HttpResponseRedirect(back)
    view, created = SavedView.objects.update_or_create(
        owner=request.user, list_name=list_name, name=name, defaults={"query": kept, "shared": shared}
    )
    if created:
        messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    else:
        messages.success(request, _("View “%(name)s” now keeps these filters.") % {"name": view.name})
    return HttpResponseRedirect(view.get_absolute_url())


@login_required
@require_POST
def delete_view(request, pk: int):
    """Remove one of the user's own saved views; another's, shared or not, is a 404."""
    view = get_object_or_404(SavedView, pk=pk, owner=request.user)
    path = _list_path(view.list_name) or "/"
    view.delete()
    messages.success(request, _("View “%(name)s” removed.") % {"name": view.name})
    return HttpResponseRedirect(path)
