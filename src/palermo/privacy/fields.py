"""Model fields whose values are encrypted before they reach the database."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression

from palermo.privacy import cipher


class EncryptedTextField(models.TextField):
    """Text stored encrypted; only equality with NULL can be queried (use a blind index)."""

    personal = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))

    def context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def get_prep_value(self, value: Any) -> Any:
        return self._seal(super().get_prep_value(value))

    def _seal(self, value: Any) -> Any:
        if value is None or value == "":
            return value
        text = str(value)
        # The model enforces the bound too, whichever way a value arrives (form, API, script).
        if self.max_length is not None and len(text) > self.max_length:
            raise ValidationError(
                {self.name: f"at most {self.max_length} characters (this has {len(text)})"}
            )
        return cipher.encrypt(text, self.context())

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None or value == "":
            return value
        return cipher.decrypt(value, self.context())


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (lists of aliases, phones, documents) stored encrypted as one blob."""

    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return self._seal(json.dumps(value, ensure_ascii=False, sort_keys=True))

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> Any:
        text = super().from_db_value(value, expression, connection)
        return json.loads(text) if text else []

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            return json.loads(value) if value else []
        return value


def personal_field_names(model: type[models.Model]) -> list[str]:
    """Names of a model's encrypted fields: audit records that they changed, never their values."""
    return [field.name for field in model._meta.get_fields() if getattr(field, "personal", False)]
