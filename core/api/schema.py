"""What the OpenAPI schema says of every operation besides its serializer: the If-Match header and the refusals."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from core.api.serializers import ErrorSerializer

IF_MATCH_HELP = _(
    'The ETag of the record as last read (its version, quoted: "3"). A change without it is refused '
    "(428); with an older one it is refused (412) and the answer says who changed what meanwhile."
)
ACTION_IF_MATCH_HELP = _(
    "Optional: the ETag of the record as last read; when it has moved on, the action is refused (412)."
)


class RecordSchema(AutoSchema):
    """Adds ``If-Match`` to changes and actions, and the error answers each operation may give."""

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self.method in ("PUT", "PATCH"):
            parameters.append(
                OpenApiParameter(
                    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True, description=IF_MATCH_HELP
                )
            )
        elif self.method == "POST" and getattr(self.view, "detail", False):
            parameters.append(
                OpenApiParameter(
                    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, description=ACTION_IF_MATCH_HELP
                )
            )
        return parameters

    def error_codes(self) -> list[str]:
        codes = ["401", "403"]
        if self.method != "GET" or self._is_list_view():
            codes.append("400")
        # A record not there (or not visible), or a page past the end of a list.
        codes.append("404")
        if self.method in ("PUT", "PATCH"):
            codes += ["412", "428"]
        elif self.method == "POST" and getattr(self.view, "detail", False):
            codes.append("412")
        codes += getattr(self.view, "extra_error_codes", {}).get(getattr(self.view, "action", None), [])
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction == "response":
            for code in self.error_codes():
                responses.setdefault(code, self._get_response_for_code(ErrorSerializer, code, direction=direction))
        return responses
