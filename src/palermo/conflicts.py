"""Refusals that come from a record's state having changed under the caller, and the row lock
that makes every state change check its precondition on the row as it is now.

Two people (or a retrying program) may act on one record at the same moment. Each state change
locks the record's row (`SELECT … FOR UPDATE` inside the change's transaction), re-reads it and
checks its rule there; the one who comes second is refused with a `Conflict` naming the state
the record is in now. The pages answer it with 409 and the translated message, the API with 409
and `{"detail": [...], "current": {...}}`.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class Conflict(ValidationError):
    """The record is no longer in the state the change needs: someone changed it first.

    A ValidationError, so code that shows a rule's refusal shows this one too; `current` holds
    the record's state now (codes, never personal data)."""

    def __init__(self, message: Any, *, current: dict[str, Any]) -> None:
        super().__init__(message, code="conflict")
        self.current = current


def locked_row[M: models.Model](record: M) -> M:
    """The record's row read afresh and locked until the surrounding transaction ends.

    Call inside `transaction.atomic()`. On SQLite (one writer at a time) the lock is a no-op."""
    manager = type(record)._default_manager
    return manager.select_for_update().get(pk=record.pk)


def lost_race(form: forms.BaseForm) -> bool:
    """Whether the form's change was refused because someone changed the record first."""
    return any(isinstance(error, Conflict) for error in form.non_field_errors().as_data())
