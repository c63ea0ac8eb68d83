"""Links to other pages' filtered lists, built from the filter names those lists accept."""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse


def list_url(name: str, fallback: str, **params) -> str:
    """URL of the list ``name`` filtered by ``params`` (a list value repeats its parameter)."""
    try:
        path = reverse(name)
    except NoReverseMatch:
        path = fallback
    pairs = []
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            pairs += [(key, item) for item in value]
        else:
            pairs.append((key, value))
    return f"{path}?{urlencode(pairs)}" if pairs else path


def project_list_url(**params) -> str:
    return list_url("projects:project_list", "/projects/", **params)
