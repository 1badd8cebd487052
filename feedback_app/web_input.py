"""What is read from addresses and forms, so no value sent can crash a page: an id too big for
an INTEGER column, a digit like "²" that int() refuses, a file (or JSON) where text belongs, a
date typed as day, month and year."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from flask import abort, current_app, request
from flask_babel import get_locale
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto, _is_submitted
from werkzeug.routing import IntegerConverter
from wtforms import DateField
from wtforms.utils import unset_value

from analysis.clock import today
from analysis.quarters import Quarter

# The largest id an INTEGER column holds on PostgreSQL (and far above any real record).
MAX_ID = 2**31 - 1


class RecordIdConverter(IntegerConverter):
    """`<int:...>` in every route: a number too large for a record id matches no page (404)."""

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002  (werkzeug's name)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def record_id(value: object) -> int | None:
    """A record id from a form or query value, or None: plain digits 0-9, in range."""
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdecimal()) or len(text) > 10:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def quarter_asked() -> Quarter:
    """The quarter in the address (`?quarter=2026-Q3`), this one when none is given; one that
    is not a quarter is refused (400)."""
    text = request.args.get("quarter")
    if text:
        try:
            return Quarter.parse(text)
        except ValueError:
            abort(400)
    return Quarter.containing(today())


def record_ids(values: Iterable[object]) -> list[int]:
    """Every usable record id among `values`, in order; anything else is ignored."""
    return [n for n in map(record_id, values) if n is not None]


class TextForm(FlaskForm):
    """The base of every form: its fields read the posted form fields only. A file part (or a
    JSON body) sent in place of text is then simply missing, and the form says what to enter."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            if formdata is not _Auto:
                return formdata
            return request.form if _is_submitted() else None

        def get_translations(self, form):
            """WTForms' own messages in the page's language, read from their files once per
            language rather than on every request (Flask-WTF reads them per request)."""
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return _wtforms_translations(str(get_locale()))


@lru_cache(maxsize=16)
def _wtforms_translations(locale: str):
    from babel import support
    from wtforms.i18n import messages_path

    translations = support.Translations.load(messages_path(), [locale], domain="wtforms")
    return _Translations(translations)


class _Translations:
    """The interface WTForms asks of translations, over Babel's."""

    def __init__(self, translations):
        self._translations = translations

    def gettext(self, string):
        return self._translations.ugettext(string)

    def ngettext(self, singular, plural, n):
        return self._translations.ungettext(singular, plural, n)


class FriendlyDateField(DateField):
    """A date typed as day, month and year in three boxes, as GOV.UK asks for one: a browser's
    own date box shows mm/dd/yyyy to some and cannot be typed into by others. A single ISO
    value (2026-12-29) under the field's own name is still read, for scripts."""

    PARTS = ("day", "month", "year")
    EXAMPLE = "29 12 2026"
    INVALID = f"Enter a real date, for example {EXAMPLE}"

    def __init__(self, *args, invalid: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invalid = invalid or self.INVALID

    def process(self, formdata, data=unset_value, extra_filters=None):
        names = {part: f"{self.name}-{part}" for part in self.PARTS}
        if formdata is None or not any(name in formdata for name in names.values()):
            super().process(formdata, data, extra_filters)
            self.parts = _date_parts(self.data)
            return
        self.process_errors = []
        self.data = None
        self.parts = {part: formdata.get(name, "").strip() for part, name in names.items()}
        typed = " ".join(self.parts.values()).strip()
        self.raw_data = [typed]
        if not typed:
            return
        day, month, year = (self.parts[p] for p in self.PARTS)
        try:
            if len(year) != 4:
                raise ValueError(year)
            self.data = date(int(year), int(month), int(day))
        except ValueError:
            self.process_errors.append(self.invalid)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(self.invalid) from error


def _date_parts(value: date | None) -> dict[str, str]:
    if value is None:
        return {"day": "", "month": "", "year": ""}
    return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
