"""The apps depend one way, ``core`` ← ``partners`` ← ``projects`` ← ``crm``, in substance and not only in imports.

No app names anything of an app to its right: not by import, and not as a string either: a model
label or permission (``"projects.view_…"``), a URL name (``"crm:meeting_list"``), a template path
(``"projects/_project_rows.html"``), a model's class name, or the reverse accessor a right app's
relation puts on a left app's model (``organization.projects``). Comments and docstrings may
mention them. ``core`` knows no app of the product at all.
"""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ORDER = ["core", "partners", "projects", "crm"]
BASE = Path(settings.BASE_DIR)
TEMPLATES = BASE / "templates"
# Shared template folders and the app each belongs to; base.html is the site frame, drawn by crm.
TEMPLATE_OWNERS = {"includes": "core", "history": "core", "registration": "core", "admin": "core"}


def right_of(app: str) -> list[str]:
    return ORDER[ORDER.index(app) + 1 :]


def python_files(app: str) -> list[Path]:
    return [path for path in (BASE / app).rglob("*.py") if "migrations" not in path.parts]


def template_files(app: str) -> list[Path]:
    folders = [app, *(folder for folder, owner in TEMPLATE_OWNERS.items() if owner == app)]
    return [path for folder in folders for path in (TEMPLATES / folder).rglob("*.html")]


def forbidden_names(app: str) -> tuple[set[str], set[str]]:
    """Class names of the right apps' models, and the accessors their relations put on this side."""
    models, accessors = set(), set()
    for label in right_of(app):
        if label == "core":
            continue
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            models.add(model.__name__)
            for field in model._meta.get_fields():
                target = getattr(field, "related_model", None)
                if field.is_relation and field.concrete and target is not None:
                    if target._meta.app_label in ORDER[: ORDER.index(label)]:
                        accessors.add(field.remote_field.get_accessor_name() or "")
    accessors.discard("")
    return models, accessors


def docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def string_offends(text: str, rights: list[str], models: set[str], accessors: set[str]) -> bool:
    for label in rights:
        if re.search(rf"(^|[\s\"'(]){label}[.:/]", text):
            return True
    return text.split("__")[0] in accessors or text in models


def python_offences(app: str) -> list[str]:
    rights = right_of(app)
    models, accessors = forbidden_names(app)
    offences = []
    for path in python_files(app):
        tree = ast.parse(path.read_text(), filename=str(path))
        docstrings = docstring_nodes(tree)
        where = path.relative_to(BASE)
        for node in ast.walk(tree):
            line = getattr(node, "lineno", "?")
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in rights:
                offences.append(f"{where}:{line} imports {node.module}")
            elif isinstance(node, ast.Import):
                offences += [f"{where}:{line} imports {a.name}" for a in node.names if a.name.split(".")[0] in rights]
            elif isinstance(node, ast.Name) and node.id in models:
                offences.append(f"{where}:{line} names {node.id}")
            elif isinstance(node, ast.Attribute) and node.attr in models | accessors:
                offences.append(f"{where}:{line} reaches .{node.attr}")
            elif isinstance(node, ast.keyword) and node.arg and node.arg.split("__")[0] in accessors:
                offences.append(f"{where}:{line} filters through {node.arg}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if string_offends(node.value, rights, models, accessors):
                    offences.append(f"{where}:{line} names {node.value!r}")
    return offences


def template_offences(app: str) -> list[str]:
    rights = right_of(app)
    _models, accessors = forbidden_names(app)
    offences = []
    for path in template_files(app):
        text = re.sub(r"{#.*?#}|{% comment %}.*?{% endcomment %}", "", path.read_text(), flags=re.S)
        where = path.relative_to(BASE)
        for label in rights:
            for match in re.finditer(rf"[\"'](?:{label})[:/][^\"']*[\"']|perms\.{label}\.", text):
                offences.append(f"{where}: {match.group(0)}")
        for accessor in accessors:
            for match in re.finditer(rf"\.{accessor}\b", text):
                offences.append(f"{where}: {match.group(0)}")
    return offences


@pytest.mark.parametrize("app", ORDER[:-1])
def test_no_app_names_anything_of_an_app_to_its_right(app):
    assert python_offences(app) + template_offences(app) == []


def test_the_check_finds_what_it_looks_for(tmp_path, monkeypatch):
    """The scan is not vacuous: each form of reaching right is caught."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from crm.models import Meeting\n"
        "x = 'projects.view_confidential_projects'\n"
        "y = reverse('crm:meeting_list')\n"
        "z = organization.projects.all()\n"
        "w = Organization.objects.filter(follow_ups__isnull=True)\n"
    )
    monkeypatch.setattr(
        "tests.foundation.test_architecture.python_files", lambda app: [sample] if app == "partners" else []
    )
    monkeypatch.setattr("tests.foundation.test_architecture.BASE", tmp_path)
    found = python_offences("partners")
    assert any("imports crm.models" in line for line in found)
    assert any("projects.view_confidential_projects" in line for line in found)
    assert any("crm:meeting_list" in line for line in found)
    assert any("reaches .projects" in line for line in found)
    assert any("filters through follow_ups__isnull" in line for line in found)


def test_core_tables_are_plumbing_that_names_no_product_app():
    """Core may keep shared plumbing (API tokens, say), related only to users, content types and itself."""
    allowed = {"core", "auth", "contenttypes"}
    for model in apps.get_app_config("core").get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.related_model is not None:
                assert field.related_model._meta.app_label in allowed, f"{model.__name__}.{field.name}"
