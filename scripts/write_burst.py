"""Concurrent writes against gunicorn on SQLite: does every write land, and does any say "database is locked"?

Starts gunicorn (4 workers, DEBUG off) on a free port of 127.0.0.1 against a throwaway SQLite
database, logs 8 client threads in through the admin, and has each add 100 follow-ups through the
admin's add form at the same time. Then it reads the database and prints: writes attempted,
acknowledged, errors (and how many mention "database is locked"), lost writes (acknowledged but
not stored, or stored without their history row), elapsed seconds and writes per second.

    .venv/bin/python scripts/write_burst.py [--workers 4] [--threads 8] [--writes 100] [--path ...]

Exits 0 when every write is stored with its history and nothing failed, 1 otherwise. It stops by
itself (every request has a timeout, the whole run a deadline) and always stops gunicorn.
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "burst-" + secrets.token_urlsafe(16)
USERNAME = "burst-admin"
TITLE_PREFIX = "Burst follow-up"
REQUEST_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FormScraper(HTMLParser):
    """The fields a browser would submit from each POST form of a page, with their default values."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[dict, list[tuple[str, str]]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._select: str | None = None
        self._select_value: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def main_form(self) -> list[tuple[str, str]]:
        """The page's working form: not log-out or language switching; the one with most fields."""
        candidates = [
            fields
            for attrs, fields in self.forms
            if not any(word in (attrs.get("action") or "") for word in ("logout", "i18n", "setlang"))
        ]
        return max(candidates, key=len, default=[])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._fields = []
            self.forms.append((attrs, self._fields))
        if self._fields is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._select_value, self._first_option = name, None, None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in attrs:
                self._select_value = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if self._fields is None:
            return
        if tag == "select" and self._select:
            value = self._select_value if self._select_value is not None else self._first_option
            self._fields.append((self._select, value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._fields.append((self._textarea, self._text.strip("\n")))
            self._textarea = None
        elif tag == "form":
            self._fields = None


class Session:
    """One browser: its own cookies, a fresh connection per request (gunicorn sync workers close them)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields=None) -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        headers = {"Host": f"127.0.0.1:{self.port}", "Referer": f"http://127.0.0.1:{self.port}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, dict(response.getheaders()), text
        finally:
            connection.close()

    def form(self, path: str) -> list[tuple[str, str]]:
        status, _, text = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        scraper = FormScraper()
        scraper.feed(text)
        fields = scraper.main_form()
        if not fields:
            raise RuntimeError(f"No form found at {path}")
        return fields

    def log_in(self):
        fields = dict(self.form("/admin/login/?next=/admin/"))
        fields.update(username=USERNAME, password=PASSWORD, next="/admin/")
        status, headers, _ = self.request("POST", "/admin/login/?next=/admin/", list(fields.items()))
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"Log-in failed with status {status}")


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged: list[str] = []
        self.errors: list[str] = []

    def ok(self, title: str):
        with self.lock:
            self.acknowledged.append(title)

    def error(self, message: str):
        with self.lock:
            self.errors.append(message)


def client(number: int, port: int, path: str, writes: int, ids: dict, tally: Tally, deadline: float):
    session = Session(port)
    try:
        session.log_in()
        template = session.form(path)
    except Exception as error:  # a client that cannot start counts all its writes as errors
        for _ in range(writes):
            tally.error(f"client {number}: {error}")
        return
    for index in range(writes):
        if time.monotonic() > deadline:
            tally.error(f"client {number}: deadline passed before write {index}")
            continue
        title = f"{TITLE_PREFIX} {number:02d}-{index:03d}"
        overrides = {
            "title": title,
            "owner": str(ids["user"]),
            "organization": str(ids["organization"]),
            "due_on": (date.today() + timedelta(days=7 + index % 30)).isoformat(),
            "description": f"Written by client {number}, write {index}.",
            "_save": "Save",
        }
        fields = [(name, value) for name, value in template if name not in overrides] + list(overrides.items())
        try:
            status, headers, text = session.request("POST", path, fields)
        except Exception as error:
            tally.error(f"{title}: {type(error).__name__}: {error}")
            continue
        if status == 302:
            tally.ok(title)
        else:
            reason = "database is locked" if "database is locked" in text else f"HTTP {status}"
            errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', text, re.S)
            if errors:
                reason += ": " + re.sub(r"<[^>]+>", " ", errors[0]).strip()
            tally.error(f"{title}: {reason}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--threads", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--writes", type=int, default=100, help="saves per client (default 100)")
    parser.add_argument("--path", default="/admin/crm/followup/add/", help="the add form to post to")
    parser.add_argument("--deadline", type=int, default=600, help="seconds before the burst gives up")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and log")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="crm-burst-"))
    database = workdir / "burst.sqlite3"
    log_path = workdir / "gunicorn.log"
    os.environ.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="crm.settings",
    )
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections

    from crm.models import FollowUp
    from partners.models import Country, Organization

    print(f"Database: {database}")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    user = get_user_model().objects.create_superuser(USERNAME, "burst@example.org", PASSWORD)
    country = Country.objects.create(code="DE", name="Germany")
    organization = Organization.objects.create(name="Burst Test GmbH", country=country)
    ids = {"user": user.pk, "organization": organization.pk}
    connections.close_all()

    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "crm.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(options.workers)]
    command += ["--timeout", "120", "--graceful-timeout", "10"]
    log = open(log_path, "w")
    server = subprocess.Popen(command, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        started = time.monotonic()
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start-up; see {log_path}")
            try:
                if Session(port).request("GET", "/admin/login/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() - started > 30:
                raise RuntimeError("gunicorn did not answer within 30 seconds")
            time.sleep(0.2)
        print(f"gunicorn: {options.workers} workers on 127.0.0.1:{port}")
        print(f"burst: {options.threads} clients x {options.writes} saves to {options.path}")

        tally = Tally()
        deadline = time.monotonic() + options.deadline
        threads = [
            threading.Thread(
                target=client, args=(number, port, options.path, options.writes, ids, tally, deadline), daemon=True
            )
            for number in range(options.threads)
        ]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(1, deadline + REQUEST_TIMEOUT - time.monotonic()))
        elapsed = time.monotonic() - began
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()

    stored = set(FollowUp.objects.filter(title__startswith=TITLE_PREFIX).values_list("title", flat=True))
    with_history = set(
        FollowUp.history.filter(title__startswith=TITLE_PREFIX, history_type="+").values_list("title", flat=True)
    )
    attempted = options.threads * options.writes
    acknowledged = set(tally.acknowledged)
    lost = acknowledged - stored
    without_history = stored - with_history
    server_log = log_path.read_text(errors="replace")
    locked_in_log = server_log.count("database is locked")
    locked_in_answers = sum("database is locked" in error for error in tally.errors)

    print(f"writes attempted:            {attempted}")
    print(f"writes acknowledged:         {len(acknowledged)}")
    print(f"writes stored:               {len(stored)}")
    print(f"errors:                      {len(tally.errors)}")
    print(f"  'database is locked':      {max(locked_in_log, locked_in_answers)}")
    print(f"lost writes:                 {len(lost)}")
    print(f"stored without history row: {len(without_history)}")
    print(f"elapsed seconds:             {elapsed:.1f}")
    print(f"writes/second:               {len(stored) / elapsed:.1f}")
    for error in tally.errors[:10]:
        print(f"  error: {error}")
    if "Traceback" in server_log:
        print(f"The server logged tracebacks; see {log_path}")
    healthy = not tally.errors and not lost and not without_history and len(stored) == attempted
    if options.keep or not healthy:
        print(f"Kept for inspection: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
