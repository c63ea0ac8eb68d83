"""No input reaches a server error: hostile values in every parameter of every page, as each persona.

The pages are every URL of the access matrix (which a test keeps in step with the URL conf). What
each page takes is read from the page itself and from its view: every field of every form it shows
(list filters, sort and page size, record forms, formset rows and their row counts, the buttons'
actions), the list's page number and every filter of its FilterSet, and the ``?field=`` prefill
parameters a create page declares (``core.views.PrefillMixin``). Hypothesis then sends each of them
huge and negative numbers, ``²``, NUL bytes, 10,000-character strings, years 1 and 9999 and repeated
parameters, mixed with the values the page showed, so that a hostile value also meets an otherwise
valid form. Any status of 500 or more fails the test.
"""

import time
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import resolve, reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.trust.test_access_matrix import GET_MATRIX, POST_ONLY, records, url_for  # noqa: F401 (a fixture)

PERSONAS = ("owner", "other_officer", "manager", "no_role")
HOSTILE = (
    "99999999999999999999999",  # beyond a 64-bit integer
    "9223372036854775808",  # one past the largest 64-bit key
    "2147483648",  # one past a 32-bit integer column
    "-1",
    "-99999999999999999999999",
    "0",
    "²",  # a digit to str.isdigit(), not to int()
    "١٢",  # Arabic-Indic digits, which int() does read
    "\x00",
    "1\x00",
    "x" * 10_000,
    "9" * 10_000,
    "a " * 2_000,  # thousands of search words
    "0001-01-01",
    "9999-12-31",
    "1e999999",
    "NaN",
    "-Infinity",
    "last",
    "",
)
# Forms that end the session or leave the product; the password form is Django's own.
SKIPPED_ACTIONS = ("/accounts/", "/i18n/", "/admin/")
EXAMPLES = 4  # passes over every form and list, as each persona: about 20 s on SQLite


class FormReader(HTMLParser):
    """The forms of a page: method, action, and each field's name with the values the page holds."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action") or ""}
            self._form["fields"] = {}
            self.forms.append(self._form)
            return
        name = attrs.get("name")
        if self._form is None or not name:
            return
        fields = self._form["fields"]
        values = fields.setdefault(name, [])
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    values.append(attrs.get("value") or "on")
            elif kind != "submit" or attrs.get("value"):
                values.append(attrs.get("value") or "")
        elif tag == "button" and attrs.get("value"):
            values.append(attrs["value"])
        elif tag == "select":
            self._select = values
        elif tag == "option" and self._select is not None and "selected" in attrs:
            self._select.append(attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = values
            values.append("")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def targets_of(client, kwargs_of):
    """(method, url, {parameter: values the page showed}) for every form and list of every page."""
    targets = {}
    for name, record, statuses in GET_MATRIX:
        if statuses == POST_ONLY:
            continue
        url = url_for(name, record, kwargs_of)
        view = resolve(url).func
        view_class = getattr(view, "view_class", None)
        response = client.get(url)
        if response.streaming:
            continue  # a file (an attachment, a thumbnail): no form to fill
        reader = FormReader()
        reader.feed(response.content.decode())
        for form in reader.forms:
            action = urljoin(url, form["action"]) if form["action"] else url
            if urlsplit(action).path.startswith(SKIPPED_ACTIONS):
                continue
            key = (form["method"], urlsplit(action).path)
            fields = targets.setdefault(key, {})
            for field, values in form["fields"].items():
                fields.setdefault(field, values)
        get_params = targets.setdefault(("get", url), {})
        filterset = getattr(view_class, "filterset_class", None)
        if filterset is not None:
            for field in filterset().form.fields:
                get_params.setdefault(field, [])
            get_params.update({"page": [], "per_page": []})
        for param in getattr(view_class, "prefill", {}):
            get_params.setdefault(param, [])
        if name == "lookup":
            get_params.update({"q": [], "country": []})
        if name == "record_history":
            get_params["page"] = []
    return [(method, url, fields) for (method, url), fields in targets.items() if fields]


def values_for(fields: dict) -> st.SearchStrategy:
    """For each parameter: the value the page showed, a hostile one, the same parameter repeated, or none."""
    hostile = st.sampled_from(HOSTILE)
    repeated = st.lists(hostile, min_size=2, max_size=3)

    def choice(shown):
        options = [hostile, repeated, st.none()]
        if shown:
            options.insert(0, st.just(shown))
        return st.one_of(*options)

    return st.fixed_dictionaries({name: choice(shown) for name, shown in fields.items()})


def send(client, method, url, params):
    data = {name: value for name, value in params.items() if value is not None}
    return client.post(url, data) if method == "post" else client.get(url, data)


@pytest.mark.django_db
def test_no_input_reaches_a_server_error(client, request, records):  # noqa: F811
    started = time.monotonic()
    # Read once, as the manager, who sees every page and every form.
    client.force_login(request.getfixturevalue("manager"))
    targets = targets_of(client, records)
    assert len(targets) > 40  # the discovery found the pages and forms, not nothing
    assert any("meetings-TOTAL_FORMS" in fields for _, _, fields in targets)
    assert any("investor" in fields for _, url, fields in targets if url == reverse("projects:project_list"))
    discovered = time.monotonic()
    users = {persona: request.getfixturevalue(persona) for persona in PERSONAS}
    client.raise_request_exception = False
    sent = []

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.generate],  # a failure is reported with its parameters, unshrunk
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def pass_over_every_page(persona, data):
        failures = []
        for method, url, fields in targets:
            params = data.draw(values_for(fields))
            response = send(client, method, url, params)
            sent.append(response.status_code)
            if response.status_code >= 500:
                shown = {k: (v[:40] if isinstance(v, str) else v) for k, v in params.items() if v is not None}
                failures.append((persona, method, url, shown))
        assert failures == []

    for persona, user in users.items():
        client.force_login(user)
        pass_over_every_page(persona)
    print(
        f"\nfuzz: {len(targets)} forms and lists found with {len(GET_MATRIX)} pages in "
        f"{discovered - started:.1f} s; {len(sent)} hostile requests in {time.monotonic() - discovered:.1f} s"
    )
    assert len(sent) == EXAMPLES * len(PERSONAS) * len(targets)
