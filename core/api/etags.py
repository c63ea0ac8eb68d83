"""ETags from a record's ``version`` (``core.versioning``), and the ``If-Match`` an edit must carry."""

import re

from core.api.errors import BadPrecondition, PreconditionRequired

_ETAG = re.compile(r'^\s*(?:W/)?"(\d{1,18})"\s*$')


def etag(record) -> str:
    """The ETag of ``record`` as it is stored now: its version, quoted."""
    return f'"{record.version}"'


def if_match_version(request, *, required: bool = True) -> int | None:
    """The version the client's ``If-Match`` names; 428 without one (when ``required``), 400 on a malformed one."""
    header = request.headers.get("If-Match")
    if header is None or not header.strip():
        if required:
            raise PreconditionRequired()
        return None
    match = _ETAG.match(header)
    if match is None:
        raise BadPrecondition()
    return int(match.group(1))
