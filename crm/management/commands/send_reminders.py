"""Send the day's reminder e-mails and post the team summary to the group chat: run once a day.

Each user gets at most one e-mail per day (weekly users on Mondays only), a second run the same day
sends nothing again; see docs/deployment.md for running it by cron or a systemd timer.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from crm.digest import Outcome, recipients, send_digest
from crm.team_summary import WebhookError, post_team_summary


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r} is not a date; write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Send each user their reminder e-mail for the day (once; weekly ones on Mondays) and post the team "
        "summary to CRM_DIGEST_WEBHOOK_URL when it is set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=str, help="The day to remind of, YYYY-MM-DD; today by default.")

    def handle(self, *args, **options):
        day = _day(options["date"]) if options["date"] else timezone.localdate()
        outcomes = {Outcome.SENT: 0, Outcome.NOTHING: 0, Outcome.ALREADY: 0}
        failed = 0
        for user in recipients(day).iterator(chunk_size=200):
            try:
                outcomes[send_digest(user, day)] += 1
            except Exception as error:  # noqa: BLE001 - one address refused must not stop the others
                failed += 1
                self.stderr.write(f"Reminder e-mail to {user.get_username()} <{user.email}> failed: {error}")
        self.stdout.write(
            f"{day}: {outcomes[Outcome.SENT]} reminder e-mail(s) sent, {outcomes[Outcome.NOTHING]} with nothing "
            f"to list, {outcomes[Outcome.ALREADY]} sent before, {failed} failed."
        )
        webhook_failed = False
        try:
            if post_team_summary(day):
                self.stdout.write(f"{day}: team summary posted.")
        except WebhookError as error:
            webhook_failed = True
            self.stderr.write(f"Team summary for {day} not posted: {error}")
        if failed or webhook_failed:
            raise CommandError("Some reminders were not delivered; run the command again to retry them.")
