"""The signed-in user's own API tokens page: list them, make one (its secret shown once), revoke one."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.api_tokens import TokenNameTaken, issue_api_token, revoke_api_tokens
from core.forms import StyledFormMixin
from core.models import ApiToken

# Ten years: a longer expiry is no expiry, and says so better left empty.
MAX_EXPIRY_DAYS = 3650


class ApiTokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=gettext_lazy("What the token is for, such as “Provincial reporting” or “Power BI”."),
    )
    expires_in_days = forms.IntegerField(
        label=gettext_lazy("Expires after (days)"),
        required=False,
        min_value=1,
        max_value=MAX_EXPIRY_DAYS,
        help_text=gettext_lazy("Leave empty for a token that works until you revoke it."),
    )


class ApiTokenListView(LoginRequiredMixin, TemplateView):
    """The user's tokens, newest first, and the form that makes one.

    The secret is stored only as a hash, so it is shown once, in the answer to the POST that made
    the token, and never again.
    """

    template_name = "core/api_token_list.html"
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ApiTokenForm(user=self.request.user))
        context["tokens"] = ApiToken.objects.filter(user=self.request.user)
        return context

    def post(self, request):
        form = ApiTokenForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            token, secret = issue_api_token(
                user=request.user, name=form.cleaned_data["name"], expires_in_days=form.cleaned_data["expires_in_days"]
            )
        except TokenNameTaken:
            message = _("You already have a token named “%(name)s”; choose another name or revoke that one first.")
            form.add_error("name", message % {"name": form.cleaned_data["name"]})
            return self.render_to_response(self.get_context_data(form=form), status=400)
        context = self.get_context_data(form=ApiTokenForm(user=request.user), new_token=token, secret=secret)
        return self.render_to_response(context)


class ApiTokenRevokeView(LoginRequiredMixin, TemplateView):
    """Ask, then revoke one of the user's own tokens; another user's token is not found (404)."""

    template_name = "core/api_token_revoke.html"
    http_method_names = ["get", "post"]

    def get_token(self) -> ApiToken:
        return get_object_or_404(ApiToken, pk=self.kwargs["pk"], user=self.request.user)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "token": self.get_token()}

    def post(self, request, pk: int):
        token = self.get_token()
        if revoke_api_tokens(ApiToken.objects.filter(pk=token.pk)):
            messages.success(
                request, _("The token “%(name)s” is revoked; programs using it are refused.") % {"name": token.name}
            )
        else:
            messages.info(request, _("The token “%(name)s” was already revoked.") % {"name": token.name})
        return redirect("api_token_list")
