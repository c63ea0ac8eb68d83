"""In-app notifications: the one function that writes them, and who is responsible for a record.

Apps call ``notify`` where the thing happens (a service assigning or moving a record); a note added
to a record reaches its responsible user through ``core.signals.record_commented``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.text import Truncator

from core.access import can_see
from core.models import Notification, ReminderPreference

TEXT_LENGTH = 300
# Fields that name the user answering for a record, in the order they are looked for.
RESPONSIBLE_FIELDS = ("owner", "officer", "created_by")


def responsible_user(record):
    """The user who answers for ``record``: the field its model names as ``responsible_field``, else its
    owner, officer or creator, whichever it has and is set; ``None`` when there is none."""
    model = type(record)
    named = getattr(model, "responsible_field", None)
    for name in (named,) if named else RESPONSIBLE_FIELDS:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.is_relation and field.related_model is get_user_model() and getattr(record, field.attname, None):
            return getattr(record, name)
    return None


def language_of(user) -> str:
    """The language ``user`` reads messages in: their reminder preference's, else the site's."""
    language = (
        ReminderPreference.objects.filter(user=user.pk).values_list("language", flat=True).first() if user.pk else ""
    )
    return language or settings.LANGUAGE_CODE


def notify(*, recipient, actor, kind: str, target=None, text="") -> Notification | None:
    """Tell ``recipient`` that ``actor`` did ``kind`` (``Notification.Kind``) to ``target``.

    Nobody is told of their own action, and an inactive or missing recipient is told nothing: ``None``
    then. ``text`` (a lazy translation may be given) is fixed in the recipient's language, and left
    out when the recipient may not see ``target``.
    """
    if recipient is None or not recipient.is_active:
        return None
    if actor is not None and actor.pk == recipient.pk:
        return None
    if kind not in Notification.Kind.values:
        raise ValueError(f"Unknown notification kind: {kind}")
    if target is not None and not can_see(recipient, target):
        text = ""  # the record's name and content are not theirs to read; the notification says what happened
    with translation.override(language_of(recipient)):
        text = Truncator(str(text)).chars(TEXT_LENGTH)
    return Notification.objects.create(
        recipient=recipient,
        actor=actor if actor is not None and actor.pk else None,
        kind=kind,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        text=text,
    )


def notify_commented(sender, *, record, note, author, **kwargs) -> None:
    """Receiver of ``record_commented``: tell the record's responsible user that someone wrote on it."""
    text = f"{record}: {note}" if note is not None else str(record)
    notify(
        recipient=responsible_user(record),
        actor=author,
        kind=Notification.Kind.COMMENTED,
        target=record,
        text=text,
    )
