"""The breakdowns the report uses, each a set of fixed categories and one SQL expression."""

import datetime
import json
from typing import Any

from django.db.models import BooleanField, Case, CharField, F, Func, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.accounts.roles import AgencyKind
from palermo.registry.models.case import Stage
from palermo.registry.models.referral import ServiceKind
from palermo.registry.vocabulary import ExploitationForm, Sex
from palermo.reporting.definitions import Context, Dimension
from palermo.screening.outcomes import ScreeningOutcome

UNKNOWN = "unknown"
ADULT_AGE = 18


def _case(*whens: When, default: str = UNKNOWN) -> Case:
    return Case(*whens, default=Value(default), output_field=CharField())


def _choices(choices: Any) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in choices.choices]


def _field(name: str) -> Any:
    def expression(path: str, _context: Context) -> Coalesce:
        return Coalesce(F(f"{path}{name}"), Value(UNKNOWN), output_field=CharField())

    return expression


SEX = Dimension("sex", _("sex"), "person", lambda _c: _choices(Sex), _field("sex"))


def _age_group(path: str, context: Context) -> Case:
    # Age at the end of the period: from the year of birth, or the estimated age when recorded.
    adult_born_by = context.period.end.year - ADULT_AGE
    return _case(
        When(Q(**{f"{path}birth_year__gt": adult_born_by}), then=Value("child")),
        When(Q(**{f"{path}birth_year__lte": adult_born_by}), then=Value("adult")),
        When(Q(**{f"{path}estimated_age__lt": ADULT_AGE}), then=Value("child")),
        When(Q(**{f"{path}estimated_age__gte": ADULT_AGE}), then=Value("adult")),
    )


AGE_GROUP = Dimension(
    "age_group",
    _("age"),
    "person",
    lambda _c: [
        ("child", str(_("child (under 18)"))),
        ("adult", str(_("adult"))),
        (UNKNOWN, str(_("unknown"))),
    ],
    _age_group,
)


def citizenship_groups(context: Context) -> list[tuple[str, str]]:
    language = (get_language() or "en").lower()
    groups = [
        (group["code"], _pack_label(group.get("label", group["code"]), language))
        for group in context.settings.get("citizenship_groups", [])
    ]
    return [*groups, ("other", str(_("other nationality"))), (UNKNOWN, str(_("unknown")))]


def _pack_label(label: str | dict[str, str], language: str) -> str:
    if isinstance(label, str):
        return label
    return label.get(language) or label.get(language.split("-")[0]) or label.get("en") or ""


def _citizenship(path: str, context: Context) -> Case:
    groups = context.settings.get("citizenship_groups", [])
    return _case(
        When(Q(**{f"{path}nationality": ""}), then=Value(UNKNOWN)),
        *[
            When(Q(**{f"{path}nationality__in": group["countries"]}), then=Value(group["code"]))
            for group in groups
        ],
        default="other",
    )


CITIZENSHIP = Dimension("citizenship", _("citizenship"), "person", citizenship_groups, _citizenship)

FORM_GROUPS = [
    ("sexual", _("sexual exploitation")),
    ("labour", _("forced labour")),
    ("other", _("other forms (begging, marriage, criminality, organs...)")),
    ("several", _("several forms")),
    (UNKNOWN, _("unknown")),
]


class ListHolds(Func):
    """A JSON list of codes holds one code. SQLite: its text contains '"code"'; PostgreSQL: jsonb
    containment, which reads the list as it is stored instead of printing it to text once per
    code tested (a CASE over the forms tests up to 20 codes a row)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, field: str, code: str) -> None:
        super().__init__(F(field))
        self.code = code

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra: Any) -> Any:
        column, params = compiler.compile(self.source_expressions[0])
        return f"(CAST({column} AS TEXT) LIKE %s)", (*params, f'%"{self.code}"%')

    def as_postgresql(self, compiler: Any, connection: Any, *args: Any, **extra: Any) -> Any:
        column, params = compiler.compile(self.source_expressions[0])
        return f"({column} @> %s::jsonb)", (*params, json.dumps([self.code]))


def _form_group(path: str, _context: Context) -> Case:
    forms = f"{path}exploitation__forms"
    others = [code for code in ExploitationForm.values if code not in {"sexual", "labour"}]

    def has(*codes: str) -> Q:
        found = Q(ListHolds(forms, codes[0]))
        for code in codes[1:]:
            found |= Q(ListHolds(forms, code))
        return found

    sexual, labour, other = has("sexual"), has("labour"), has(*others)
    return _case(
        When((sexual & labour) | (sexual & other) | (labour & other), then=Value("several")),
        When(sexual, then=Value("sexual")),
        When(labour, then=Value("labour")),
        When(other, then=Value("other")),
    )


FORM = Dimension(
    "form",
    _("form of exploitation"),
    "victim_case",
    lambda _c: [(code, str(label)) for code, label in FORM_GROUPS],
    _form_group,
)


def _trafficking_type(path: str, _context: Context) -> Case:
    sex, labour = (
        Q(**{f"{path}is_sex_trafficking": True}),
        Q(**{f"{path}is_labour_trafficking": True}),
    )
    return _case(
        When(sex & labour, then=Value("both")),
        When(sex, then=Value("sex")),
        When(labour, then=Value("labour")),
        default="unspecified",
    )


TRAFFICKING_TYPE = Dimension(
    "trafficking_type",
    _("form of trafficking"),
    "criminal_case",
    lambda _c: [
        ("sex", str(_("sex trafficking"))),
        ("labour", str(_("labour trafficking"))),
        ("both", str(_("sex and labour trafficking"))),
        ("unspecified", str(_("not specified"))),
    ],
    _trafficking_type,
)


def _charged_under(path: str, context: Context) -> Case:
    return _case(
        When(Q(**{f"{path}provision__code__in": context.lesser_offences()}), then=Value("lesser")),
        default="trafficking",
    )


CHARGED_UNDER = Dimension(
    "charged_under",
    _("charged under"),
    "charge",
    lambda _c: [
        ("trafficking", str(_("trafficking provisions"))),
        ("lesser", str(_("lesser offences"))),
    ],
    _charged_under,
)

PROVISION = Dimension(
    "provision", _("legal provision"), "provision", lambda c: c.provisions, _field("code")
)
AGENCY = Dimension("agency", _("agency"), "agency", lambda c: c.agencies, _field("code"))
AGENCY_KIND = Dimension(
    "agency_kind", _("kind of agency"), "agency", lambda _c: _choices(AgencyKind), _field("kind")
)
SCREENING_OUTCOME = Dimension(
    "outcome",
    _("outcome"),
    "screening",
    lambda _c: _choices(ScreeningOutcome),
    _field("outcome"),
)
SERVICE_KIND = Dimension(
    "service", _("service"), "service", lambda _c: _choices(ServiceKind), _field("kind")
)
RESIDENCE_OR_RETURN = Dimension(
    "status",
    _("residence or return"),
    "transition",
    lambda _c: [
        (Stage.RESIDENCE.value, str(_("residence status granted"))),
        (Stage.RETURN.value, str(_("returned"))),
    ],
    _field("to_stage"),
)


def _identification_decision(path: str, _context: Context) -> Case:
    return _case(
        When(Q(**{f"{path}identified_on__isnull": False}), then=Value("identified")),
        When(Q(**{f"{path}stage": Stage.NOT_IDENTIFIED}), then=Value("not_identified")),
        default="pending",
    )


DECISION = Dimension(
    "decision",
    _("decision"),
    "victim_case",
    lambda _c: [
        ("identified", str(_("formally identified"))),
        ("not_identified", str(_("not identified"))),
        ("pending", str(_("no decision yet"))),
    ],
    _identification_decision,
)

# (code, label, upper bound in days, inclusive; None = open-ended)
DAYS_BANDS = [
    ("0-30", "≤ 30", 30),
    ("31-90", "31–90", 90),
    ("91-180", "91–180", 180),
    ("181+", "> 180", None),
]


def _days_to_decision(path: str, _context: Context) -> Case:
    start = F(f"{path}reflection_period_start")
    whens = [
        When(
            Q(**{f"{path}identified_on__lte": start + datetime.timedelta(days=bound)}),
            then=Value(code),
        )
        for code, _label, bound in DAYS_BANDS
        if bound is not None
    ]
    return _case(
        When(Q(**{f"{path}reflection_period_start__isnull": True}), then=Value(UNKNOWN)),
        *whens,
        default="181+",
    )


DAYS_TO_DECISION = Dimension(
    "days_to_decision",
    _("days from presumed victim to formal identification"),
    "victim_case",
    lambda _c: [*[(code, label) for code, label, _b in DAYS_BANDS], (UNKNOWN, str(_("unknown")))],
    _days_to_decision,
)

# Sentence bands in months of prison: (code, label, lowest month, highest month or None).
SENTENCE_BANDS = [
    ("none", "0", 0, 0),
    ("1-11", "< 1 y", 1, 11),
    ("12-35", "1–3 y", 12, 35),
    ("36-59", "3–5 y", 36, 59),
    ("60-119", "5–10 y", 60, 119),
    ("120+", "≥ 10 y", 120, None),
]


def _sentence_band(path: str, _context: Context) -> Case:
    months = f"{path}prison_months"
    whens = [
        When(Q(**{f"{months}__gte": low, f"{months}__lte": high}), then=Value(code))
        for code, _label, low, high in SENTENCE_BANDS
        if high is not None
    ]
    return _case(*whens, default="120+")


def _suspension(path: str, _context: Context) -> Case:
    return _case(When(Q(**{f"{path}suspended": True}), then=Value("suspended")), default="served")


SENTENCE_BAND = Dimension(
    "sentence_band",
    _("prison sentence"),
    "sentence",
    lambda _c: [(code, label) for code, label, _l, _h in SENTENCE_BANDS],
    _sentence_band,
)
SUSPENSION = Dimension(
    "suspension",
    _("suspended"),
    "sentence",
    lambda _c: [("served", str(_("not suspended"))), ("suspended", str(_("suspended")))],
    _suspension,
)
