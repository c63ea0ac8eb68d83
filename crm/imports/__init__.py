"""Import of the bureau's spreadsheets (organizations, the project ledger) with a dry run.

Built on openpyxl and the apps' own services rather than django-import-export: every row goes
through the same services, visibility and matching rules as the pages do.
"""
