"""Which importer reads which kind of file."""

from crm.imports.importers import OrganizationImporter, ProjectImporter
from crm.imports.meetings import MeetingImporter
from crm.imports.people import ContactImporter

IMPORTERS = {
    "organizations": OrganizationImporter,
    "contacts": ContactImporter,
    "projects": ProjectImporter,
    "meetings": MeetingImporter,
}
