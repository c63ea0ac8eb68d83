"""The import pages: upload a file, see what it would do (a dry run), then commit it all or nothing."""

import hashlib
import io
import json
import pickle

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View

from core.forms import bootstrap
from crm.imports.kinds import IMPORTERS
from crm.imports.plan import build_plan, commit, planning, preview
from crm.imports.reading import MAX_BYTES
from crm.models import ImportFile

# The upload page's script asks for the reading's progress with this header.
PROGRESS_HEADER = "X-Import-Progress"
# How long the plan the upload decided waits for its preview.
PLAN_KEPT_SECONDS = 300
# Managers: an import changes records that are not the user's own.
IMPORT_PERMISSION = "projects.change_any_project"


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"), choices=ImportFile.Kind.choices)
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("An .xlsx workbook or a .csv file (UTF-8 or GB18030), up to 10 MB."),
        allow_empty_file=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)s MB; split it into smaller files.") % {"mb": MAX_BYTES // 1024 // 1024}
            )
        return upload


class ImportAccessMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = IMPORT_PERMISSION


class ImportStartView(ImportAccessMixin, FormView):
    template_name = "crm/import_start.html"
    form_class = UploadForm

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        bootstrap(form)
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kinds"] = ImportFile.Kind.choices
        context["recent"] = ImportFile.objects.filter(uploaded_by=self.request.user).defer("content")[:10]
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        content = upload.read()
        kind = form.cleaned_data["kind"]
        if self.request.headers.get(PROGRESS_HEADER) == "1":
            return StreamingHttpResponse(
                self.progress(kind, content, upload.name, translation.get_language()),
                content_type="application/x-ndjson; charset=utf-8",
            )
        try:
            # A file that cannot be read is refused here, before anything is kept.
            plan = build_plan(IMPORTERS[kind](self.request.user), content, upload.name)
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        return redirect(self.keep(kind, content, upload.name, plan))

    def keep(self, kind, content: bytes, file_name: str, plan) -> ImportFile:
        """Keep the file read, and its plan for the preview that follows (which decides again if it is gone)."""
        import_file = ImportFile.objects.create(
            kind=kind,
            file_name=file_name[:255],
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=self.request.user,
        )
        remember_plan(import_file, plan)
        return import_file

    def progress(self, kind, content: bytes, file_name: str, language: str):
        """The reading of the file as lines of JSON: rows decided so far, then where to go or why not."""
        with translation.override(language):
            yield _line({"read": 0, "total": None})
            steps = planning(IMPORTERS[kind](self.request.user), content, file_name)
            try:
                while True:
                    done, total = next(steps)
                    yield _line({"read": done, "total": total})
            except StopIteration as finished:
                plan = finished.value
            except ValidationError as error:
                yield _line({"errors": error.messages})
                return
            yield _line({"redirect": self.keep(kind, content, file_name, plan).get_absolute_url()})


def _line(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False) + "\n").encode()


def _plan_key(import_file) -> str:
    return f"import-plan:{import_file.pk}:{import_file.sha256}"


def remember_plan(import_file, plan) -> None:
    try:
        cache.set(_plan_key(import_file), plan, PLAN_KEPT_SECONDS)
    except (pickle.PicklingError, TypeError, AttributeError):
        pass  # A plan that cannot be kept is decided again by the preview.


def recall_plan(import_file):
    """The plan the upload just decided, once; the preview decides again on a reload."""
    key = _plan_key(import_file)
    plan = cache.get(key)
    cache.delete(key)
    return plan


class ImportPreviewView(ImportAccessMixin, View):
    template_name = "crm/import_preview.html"

    def get_import(self, pk) -> ImportFile:
        return get_object_or_404(ImportFile, pk=pk, uploaded_by=self.request.user)

    def render(self, import_file, plan, status=200):
        from django.shortcuts import render

        return render(
            self.request,
            self.template_name,
            {"import_file": import_file, "plan": plan, "digest": plan.digest() if plan else ""},
            status=status,
        )

    def get(self, request, pk):
        import_file = self.get_import(pk)
        try:
            plan = recall_plan(import_file) or preview(IMPORTERS[import_file.kind](request.user), import_file)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("crm:imports")
        return self.render(import_file, plan)

    def post(self, request, pk):
        import_file = self.get_import(pk)
        try:
            plan = commit(
                IMPORTERS[import_file.kind](request.user),
                import_file,
                user=request.user,
                digest=request.POST.get("digest", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(import_file)
        counts = plan.counts
        messages.success(
            request,
            _(
                "Imported “%(file)s”: %(created)s created, %(updated)s updated, "
                "%(unchanged)s unchanged, %(errors)s left out."
            )
            % {
                "file": import_file.file_name,
                "created": counts["create"],
                "updated": counts["update"],
                "unchanged": counts["unchanged"],
                "errors": counts["error"],
            },
        )
        return redirect("crm:imports")


class ImportTemplateView(ImportAccessMixin, View):
    """An empty workbook whose headers name each column in English and Chinese; either language is read back."""

    def get(self, request, kind):
        if kind not in IMPORTERS:
            raise Http404
        import xlsxwriter

        importer = IMPORTERS[kind]
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(kind)
        bold = workbook.add_format({"bold": True})
        for position, column in enumerate(c for c in importer.columns if c.field or c.label):
            label = importer.model._meta.get_field(column.field).verbose_name if column.field else column.label
            with translation.override("en"):
                english = str(translation.gettext(label) if isinstance(label, str) else label)
            with translation.override("zh-hans"):
                chinese = str(translation.gettext(label) if isinstance(label, str) else label)
            header = english if english == chinese else f"{english} / {chinese}"
            sheet.write(0, position, header, bold)
            sheet.set_column(position, position, max(12, len(header) + 2))
        workbook.close()
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="import-{kind}-template.xlsx"'
        return response
