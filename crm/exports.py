"""The record of list exports: each file a list page gives out (``core.export``) is written down here."""

from crm.models import ListExport


def record_list_export(sender, *, user, list_name: str, filters: dict, row_count: int, file_format: str, **kwargs):
    """Receiver of ``core.export.list_exported``: one ``ListExport`` per export."""
    return ListExport.objects.create(
        user=user, list_name=list_name, filters=filters, row_count=row_count, file_format=file_format
    )
