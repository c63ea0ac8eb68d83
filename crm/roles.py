"""The three roles and what each may do.

Applied by the data migration that created the groups and again after every ``migrate`` (the
``post_migrate`` handler in ``crm/apps.py``): change the roles here, not in the admin.
"""

OFFICER = "Officer"
MANAGER = "Manager"
ADMINISTRATOR = "Administrator"

_VIEW_MODELS = {
    "partners": ["countrygroup", "country", "sector", "organization", "contact"],
    "projects": ["park", "exchangerate", "figure", "investmentproject", "stagechange", "capitalinflow"],
    "crm": ["event", "delegation", "meeting", "agreement", "agreementparty", "followup"],
}
_OFFICER_EDITS = {
    "partners": ["organization", "contact"],
    "projects": ["investmentproject", "capitalinflow"],
    "crm": ["event", "delegation", "meeting", "agreement", "agreementparty", "followup"],
}
_MANAGER_EXTRA = [
    ("partners", "merge_organization"),
    ("projects", "approve_contracted_stage"),
    ("projects", "view_confidential_projects"),
    ("projects", "change_any_project"),
    ("partners", "change_country"),
    ("projects", "record_stage_with_gaps"),
    ("projects", "change_figure"),
    ("projects", "add_figure"),
    ("projects", "add_exchangerate"),
    ("projects", "change_exchangerate"),
    ("crm", "view_listexport"),
    ("core", "share_savedview"),
]


def officer_permissions() -> list[tuple[str, str]]:
    """(app_label, codename) pairs: see everything, add and change the daily records, delete nothing."""
    perms = [(app, f"view_{model}") for app, models in _VIEW_MODELS.items() for model in models]
    for app, models in _OFFICER_EDITS.items():
        perms += [(app, f"{action}_{model}") for model in models for action in ("add", "change")]
    return perms


def manager_permissions() -> list[tuple[str, str]]:
    return officer_permissions() + _MANAGER_EXTRA


def administrator_permissions() -> list[tuple[str, str]]:
    """Everything in the product's apps and in user management."""
    perms = manager_permissions()
    for app, models in _VIEW_MODELS.items():
        perms += [(app, f"{action}_{model}") for model in models for action in ("add", "change", "delete")]
    # Issued reports, to read in the admin: nobody changes or deletes one.
    perms += [("crm", "view_report")]
    # Notes and files, to find in the admin; added on the records' pages, removed by core.notes' rule.
    perms += [("core", "view_note"), ("core", "view_attachment")]
    # Each user's reminder e-mail preference; the notifications and the log of e-mails sent, to read.
    perms += [("core", f"{action}_reminderpreference") for action in ("add", "change", "view")]
    perms += [("core", f"view_{model}") for model in ("notification", "sentdigest", "sentteamsummary")]
    perms += [
        ("auth", f"{action}_{model}") for model in ("user", "group") for action in ("add", "change", "delete", "view")
    ]
    return sorted(set(perms))


ROLE_PERMISSIONS = {
    OFFICER: officer_permissions,
    MANAGER: manager_permissions,
    ADMINISTRATOR: administrator_permissions,
}


def sync_roles(group_model, permission_model, using: str = "default", *, missing_ok: bool = False) -> None:
    """Create the groups and give each exactly its permissions (in the database ``using``).

    ``missing_ok`` is for the early data migration, which runs before later migrations create some
    permissions; the ``post_migrate`` handler then applies every one and refuses a missing one.
    """
    for role, permissions in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.using(using).get_or_create(name=role)
        wanted = permissions()
        found = list(
            permission_model.objects.using(using)
            .filter(
                content_type__app_label__in={app for app, _ in wanted},
                codename__in={codename for _, codename in wanted},
            )
            .select_related("content_type")
        )
        found = [p for p in found if (p.content_type.app_label, p.codename) in set(wanted)]
        missing = set(wanted) - {(p.content_type.app_label, p.codename) for p in found}
        if missing and not missing_ok:
            raise RuntimeError(f"Permissions not found for role {role}: {sorted(missing)}")
        group.permissions.set(found)
