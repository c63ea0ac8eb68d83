"""Signals other apps listen to without core naming them."""

from django.dispatch import Signal

# Sent when someone adds a note or a file to a record.
# Arguments: ``record`` (the record noted on), ``note`` (the note or attachment), ``author`` (the user).
record_commented = Signal()
