"""The engine's parameters as an office clerk sees them: a name, a help text and a typed input
for each, and values described in words.

The stored representation does not change (`ParameterValue.value` is the JSON the engine's
overlay converters accept, eligibility.core.parameters); only how it is shown and entered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.domain.queries.catalogue import kind_by_code, kinds_by_code
from vinhdanh.awards.enums import DeciderRole
from vinhdanh.common.widgets import DateField
from vinhdanh.councils.enums import DenominatorType
from vinhdanh.eligibility.core.messages import CODE_NAMES, FORM_NAMES
from vinhdanh.eligibility.core.parameters import OVERLAY_KEYS
from vinhdanh.eligibility.core.vocab import AWARD_CODES, DISCIPLINE_FORMS, RATINGS, ROLES
from vinhdanh.orgs.domain.queries.pickers import UnitPick
from vinhdanh.orgs.interfaces.pickers import UnitChoiceField
from vinhdanh.people.enums import Rating

if TYPE_CHECKING:
    from vinhdanh.awards.models import AwardKind
    from vinhdanh.orgs.models import Unit

# Kinds of input.
FRACTION_OPT = "fraction_opt"
BOOL = "bool"
BOOL_OPT = "bool_opt"
NUMBER = "number"
NUMBER_OPT = "number_opt"
INT = "int"
CHOICE = "choice"
DATE = "date"
CODE_INTS = "code_ints"
FORM_INTS = "form_ints"
CODE_RATING = "code_rating"
VOTE_RULES = "vote_rules"
AUTHORITY = "authority"


@dataclass(frozen=True)
class Spec:
    key: str
    label: Any  # lazy translations
    help: Any
    kind: str
    choices: tuple[tuple[str, Any], ...] = ()
    unit: Any = None  # the unit of a number ("months", "working days")


SPECS: dict[str, Spec] = {
    s.key: s
    for s in (
        Spec(
            "cstdcs_quota_of_ldtt",
            _("Quota of Grassroots Emulation Fighters"),
            _(
                "At most this share of the unit's Advanced Workers may be proposed as Grassroots "
                "Emulation Fighters (for example 15 percent, 0.15 or 1/5); empty: no quota."
            ),
            FRACTION_OPT,
        ),
        Spec(
            "vote_rules",
            _("Council vote thresholds"),
            _(
                "For each title or form: the share of votes in favour needed, counted over all "
                "members or the members present, and the quorum if it differs from the "
                "council's. Leave a row empty to keep the national rule."
            ),
            VOTE_RULES,
        ),
        Spec(
            "authority",
            _("Authority to decide"),
            _(
                "Who may award which title or form, from which date (for example the powers of "
                "commune chairs after the district level ended on 01/07/2025). One row per "
                "power; these rows come before the national table."
            ),
            AUTHORITY,
        ),
        Spec(
            "public_notice_working_days",
            _("Public notice period"),
            _(
                "Working days a nomination must be posted for comments before the decision, "
                "for each title or form; empty: not required."
            ),
            CODE_INTS,
            unit=pgettext_lazy("unit", "working days"),
        ),
        Spec(
            "cstdcs_requires_initiative",
            _("An initiative is required for a Grassroots Emulation Fighter"),
            _("Yes: the title needs a recognised initiative even with an excellent rating."),
            BOOL,
        ),
        Spec(
            "ldtt_min_months_new_recruit",
            _("Minimum months of work for a new recruit"),
            _("A person recruited during the year with fewer months is not considered."),
            NUMBER,
            unit=pgettext_lazy("unit", "months"),
        ),
        Spec(
            "ldtt_review_months_new_recruit",
            _("Months below which a new recruit needs review"),
            _(
                "Between the minimum and this number of months a person must decide; empty: "
                "no review band."
            ),
            NUMBER_OPT,
            unit=pgettext_lazy("unit", "months"),
        ),
        Spec(
            "absence_max_working_days",
            _("Maximum working days of absence"),
            _("Leave that does not count, of this many working days or more, excludes the title."),
            NUMBER_OPT,
            unit=pgettext_lazy("unit", "working days"),
        ),
        Spec(
            "working_days_per_month",
            _("Working days in a month"),
            _("Used to turn months of leave into working days."),
            NUMBER,
            unit=pgettext_lazy("unit", "working days"),
        ),
        Spec(
            "training_requires_result_kha",
            _("Training counts only with a good result"),
            _("Yes: time in training counts only when the study result is at least “khá”."),
            BOOL,
        ),
        Spec(
            "annual_discipline_mode",
            _("How a discipline bars annual titles"),
            _("Which years a discipline excludes from annual titles."),
            CHOICE,
            choices=(
                ("overlap", _("Every year the discipline overlaps")),
                ("end_of_period", _("Until the discipline period has ended")),
            ),
        ),
        Spec(
            "discipline_default_months",
            _("Default length of a discipline"),
            _("Used when a discipline record has no end date."),
            INT,
            unit=pgettext_lazy("unit", "months"),
        ),
        Spec(
            "discipline_months_by_form",
            _("Length of a discipline by form"),
            _("Months a discipline of each form lasts when its record has no end date."),
            FORM_INTS,
            unit=pgettext_lazy("unit", "months"),
        ),
        Spec(
            "ttldtt_discipline_clause",
            _("Advanced Labour Collective: no member disciplined"),
            _(
                "Whether the collective needs no member disciplined at warning level or above; "
                "“not settled” sends such cases to a person."
            ),
            BOOL_OPT,
        ),
        Spec(
            "ttldxs_discipline_clause",
            _("Excellent Labour Collective: no member disciplined"),
            _("Yes: restores the clause the 2022 law dropped."),
            BOOL,
        ),
        Spec(
            "initiative_window",
            _("When a higher-level initiative counts"),
            _("Whether the initiative must fall within the years the title considers."),
            CHOICE,
            choices=(
                ("review_outside", _("Outside the years: a person decides")),
                ("inside_only", _("Only within the years")),
                ("anytime", _("Any time")),
            ),
        ),
        Spec(
            "cstdtq_cycle_gap",
            _("Years between two provincial Emulation Fighter titles"),
            _("“Two consecutive” provincial titles are awarded this many years apart."),
            INT,
            unit=pgettext_lazy("unit", "years"),
        ),
        Spec(
            "cstdtq_timing",
            _("When a national Emulation Fighter is proposed"),
            _("What happens when the proposal is not in the year after the second title."),
            CHOICE,
            choices=(
                ("gate", _("Refuse")),
                ("review", _("A person decides")),
                ("off", _("Do not check")),
            ),
        ),
        Spec(
            "cstdtq_requires_six_cstdcs",
            _("National Emulation Fighter needs six grassroots titles"),
            _("Yes: also six consecutive Grassroots Emulation Fighter titles (2013 rules)."),
            BOOL,
        ),
        Spec(
            "bkttg_window_after_prereq",
            _("Prime Minister's Certificate: five years after the prerequisite"),
            _("Yes: the five years count only after the ministry/province certificate."),
            BOOL,
        ),
        Spec(
            "hcld3_window_after_prereq",
            _("Labour Order, Third Class: five years after the prerequisite"),
            _("Yes: the five years count only after the Prime Minister's certificate."),
            BOOL,
        ),
        Spec(
            "min_rating",
            _("Minimum rating by title or form"),
            _("The lowest task rating a person may have for each title or form."),
            CODE_RATING,
        ),
        Spec(
            "dissolved_rule_from",
            _("No awards to dissolved bodies from"),
            _("From this date a dissolved collective is not commended."),
            DATE,
        ),
    )
}
assert set(SPECS) == set(OVERLAY_KEYS), "every engine parameter needs a label"

BOOL_CHOICES = (("true", _("Yes")), ("false", _("No")))
BOOL_OPT_CHOICES = (*BOOL_CHOICES, ("", _("Not settled (a person decides)")))
STATUS_CHOICES = (
    ("allowed", _("may decide")),
    ("unsettled", _("not settled yet")),
    ("denied", _("may not decide")),
)


def _lang() -> int:
    return 1 if (get_language() or "vi").startswith("en") else 0


def code_choices() -> list[tuple[str, str]]:
    """The titles and forms the engine knows, by name, in catalogue order."""
    kinds = kinds_by_code(AWARD_CODES)
    ordered = sorted(AWARD_CODES, key=lambda c: (kinds[c].sort_order if c in kinds else 10**6, c))
    return [(c, code_name(c, kinds)) for c in ordered]


def code_name(code: str, kinds: dict[str, AwardKind] | None = None) -> str:
    if kinds is not None and code in kinds:
        return kinds[code].name
    kind = kind_by_code(code) if kinds is None else None
    if kind is not None:
        return kind.name
    names = CODE_NAMES.get(code)
    return names[_lang()] if names else code


def _form_name(form: str) -> str:
    names = FORM_NAMES.get(form)
    return names[_lang()] if names else form


def _role_name(role: str) -> str:
    return str(DeciderRole(role).label) if role in DeciderRole.values else role


def _rating_name(rating: str) -> str:
    return str(Rating(rating).label) if rating in Rating.values else rating


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(number_format(value))


def _fraction(value: Any) -> str:
    text = str(value).strip()
    if text.endswith("%") or "/" in text:
        return text
    try:
        return _number(float(Fraction(text) * 100)) + "%"
    except (ValueError, ZeroDivisionError):
        return text


def _date(value: Any) -> str:
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def _with_unit(text: str, spec: Spec) -> str:
    return f"{text} {spec.unit}" if spec.unit else text


def describe(key: str, value: Any) -> str:
    """A stored value in words ('{"LDTT": 5}' → 'Lao động tiên tiến: 5 ngày làm việc')."""
    spec = SPECS.get(key)
    if spec is None:
        return str(value)
    if value is None:
        if spec.kind == BOOL_OPT:
            return str(BOOL_OPT_CHOICES[2][1])
        return gettext("none")
    kind = spec.kind
    if kind in (BOOL, BOOL_OPT):
        return gettext("Yes") if value is True else gettext("No") if value is False else str(value)
    if kind == FRACTION_OPT:
        return _fraction(value)
    if kind in (NUMBER, NUMBER_OPT, INT):
        return _with_unit(_number(value), spec)
    if kind == CHOICE:
        return str(dict(spec.choices).get(value, value))
    if kind == DATE:
        return _date(value)
    if not isinstance(value, dict | list):
        return str(value)
    if kind == CODE_INTS and isinstance(value, dict):
        return "; ".join(
            f"{code_name(c)}: {_with_unit(_number(n), spec)}" for c, n in value.items()
        )
    if kind == FORM_INTS and isinstance(value, dict):
        return "; ".join(
            f"{_form_name(f)}: {_with_unit(_number(n), spec)}" for f, n in value.items()
        )
    if kind == CODE_RATING and isinstance(value, dict):
        return "; ".join(f"{code_name(c)}: {_rating_name(r)}" for c, r in value.items())
    if kind == VOTE_RULES and isinstance(value, dict):
        parts = []
        for code, rule in value.items():
            if not isinstance(rule, dict):
                national = gettext("national rule")
                parts.append(f"{code_name(code)}: {national}")
                continue
            denominator = str(rule.get("denominator", "total_members"))
            over = dict(DenominatorType.choices).get(denominator, denominator)
            text = gettext("at least %(share)s of %(over)s") % {
                "share": _fraction(rule.get("threshold")),
                "over": str(over).lower(),
            }
            if rule.get("quorum") is not None:
                text += ", " + gettext("quorum %(share)s") % {"share": _fraction(rule["quorum"])}
            parts.append(f"{code_name(code)}: {text}")
        return "; ".join(parts)
    if kind == AUTHORITY and isinstance(value, list):
        rows = []
        for row in value:
            if not isinstance(row, dict):
                continue
            status = dict(STATUS_CHOICES).get(row.get("status", "allowed"), row.get("status"))
            when = ""
            if row.get("valid_from"):
                when += " " + gettext("from %(date)s") % {"date": _date(row["valid_from"])}
            if row.get("valid_to"):
                when += " " + gettext("until %(date)s") % {"date": _date(row["valid_to"])}
            rows.append(
                f"{_role_name(str(row.get('role')))} {status} "
                f"{code_name(str(row.get('code')))}{when}"
            )
        return "; ".join(rows)
    return str(value)


# --- the form ------------------------------------------------------------------------------


def _fraction_field(label: Any, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "2/3, 50%"}),
    )


def _clean_fraction(text: str) -> float | str | None:
    """'0,15' → 0.15 (a number, as stored before); '15%' and '1/5' are kept as written."""
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        share = Fraction(text[:-1].strip()) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise forms.ValidationError(
            gettext("Write a share such as 2/3, 0.15 or 15 percent.")
        ) from None
    if not 0 <= share <= 1:
        raise forms.ValidationError(gettext("A share cannot be below zero or above the whole."))
    if text.endswith("%") or "/" in text:
        return text
    return float(text)


class ParameterForm(forms.Form):
    """A new value of one parameter, entered with an input of its type."""

    key = forms.CharField(widget=forms.HiddenInput)
    unit = UnitChoiceField(
        label=_("Jurisdiction"),
        pick=UnitPick(levels=("province", "department")),
        required=False,
        empty_label=_("Everyone (national default)"),
    )
    valid_from = DateField(label=_("In force from"))
    valid_to = DateField(label=_("In force until"), required=False)
    legal_basis = forms.CharField(label=_("Legal basis"), required=False, max_length=255)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    AUTHORITY_BLANK_ROWS = 3

    def __init__(
        self,
        *args: Any,
        key: str,
        units: QuerySet[Unit],
        user: Any = None,
        current: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.spec = SPECS[key]
        self.fields["key"].initial = key
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.bind(user, within=units.filter(level__in=["province", "department"]))  # type: ignore[arg-type]
        self.table_columns: list[str] = []
        self.table_rows: list[tuple[str, list[str]]] = []  # (row label, field names)
        self._build(current)

    # The typed inputs --------------------------------------------------------------------

    def _build(self, current: Any) -> None:
        spec, kind = self.spec, self.spec.kind
        label = spec.label
        if kind == BOOL:
            self.fields["value"] = forms.ChoiceField(
                label=label, choices=BOOL_CHOICES, widget=forms.RadioSelect
            )
            self._initial("value", _bool_text(current))
        elif kind == BOOL_OPT:
            self.fields["value"] = forms.ChoiceField(
                label=label, choices=BOOL_OPT_CHOICES, widget=forms.RadioSelect, required=False
            )
            self._initial("value", _bool_text(current))
        elif kind == FRACTION_OPT:
            self.fields["value"] = _fraction_field(label)
            self._initial("value", current)
        elif kind in (NUMBER, NUMBER_OPT):
            self.fields["value"] = forms.DecimalField(
                label=_unit_label(spec), min_value=0, required=kind == NUMBER, decimal_places=2
            )
            self._initial("value", current)
        elif kind == INT:
            self.fields["value"] = forms.IntegerField(label=_unit_label(spec), min_value=0)
            self._initial("value", current)
        elif kind == CHOICE:
            self.fields["value"] = forms.ChoiceField(
                label=label, choices=spec.choices, widget=forms.RadioSelect
            )
            self._initial("value", current)
        elif kind == DATE:
            self.fields["value"] = DateField(label=label)
            self._initial("value", current)
        elif kind in (CODE_INTS, FORM_INTS):
            rows = code_choices() if kind == CODE_INTS else self._forms()
            self.table_columns = [str(_unit_label(spec))]
            for code, name in rows:
                name_ = f"n__{code}"
                self.fields[name_] = forms.IntegerField(label=name, min_value=0, required=False)
                self._initial(name_, (current or {}).get(code))
                self.table_rows.append((name, [name_]))
        elif kind == CODE_RATING:
            self.table_columns = [str(_("Minimum rating"))]
            ratings = [("", "—"), *((r, _rating_name(r)) for r in RATINGS)]
            for code, name in code_choices():
                name_ = f"r__{code}"
                self.fields[name_] = forms.ChoiceField(label=name, choices=ratings, required=False)
                self._initial(name_, (current or {}).get(code))
                self.table_rows.append((name, [name_]))
        elif kind == VOTE_RULES:
            self.table_columns = [
                str(_("Votes in favour needed")),
                str(_("Counted over")),
                str(_("Quorum")),
            ]
            for code, name in code_choices():
                rule = (current or {}).get(code) or {}
                names = [f"v__{code}__threshold", f"v__{code}__denominator", f"v__{code}__quorum"]
                self.fields[names[0]] = _fraction_field(name)
                self.fields[names[1]] = forms.ChoiceField(
                    label=name, choices=DenominatorType.choices, required=False
                )
                self.fields[names[2]] = _fraction_field(name)
                self._initial(names[0], rule.get("threshold"))
                self._initial(names[1], rule.get("denominator", "total_members"))
                self._initial(names[2], rule.get("quorum"))
                self.table_rows.append((name, names))
        elif kind == AUTHORITY:
            self.table_columns = [
                str(_("Authority")),
                str(_("Title or form")),
                str(_("Power")),
                str(_("From")),
                str(_("Until")),
            ]
            given = [r for r in (current or []) if isinstance(r, dict)]
            roles = [("", "—"), *((r, _role_name(r)) for r in ROLES)]
            codes = [("", "—"), *code_choices()]
            for i in range(len(given) + self.AUTHORITY_BLANK_ROWS):
                spec_row: dict[str, Any] = given[i] if i < len(given) else {}
                names = [f"a__{i}__{part}" for part in ("role", "code", "status", "from", "to")]
                self.fields[names[0]] = forms.ChoiceField(
                    label=_("Authority"), choices=roles, required=False
                )
                self.fields[names[1]] = forms.ChoiceField(
                    label=_("Title or form"), choices=codes, required=False
                )
                self.fields[names[2]] = forms.ChoiceField(
                    label=_("Power"), choices=STATUS_CHOICES, required=False
                )
                self.fields[names[3]] = DateField(label=_("From"), required=False)
                self.fields[names[4]] = DateField(label=_("Until"), required=False)
                for name_, part in zip(
                    names, ("role", "code", "status", "valid_from", "valid_to"), strict=True
                ):
                    self._initial(name_, spec_row.get(part))
                self.table_rows.append((str(i + 1), names))

    def _forms(self) -> list[tuple[str, str]]:
        return [(f, _form_name(f)) for f in DISCIPLINE_FORMS]

    def _initial(self, name: str, value: Any) -> None:
        if value is not None:
            self.fields[name].initial = value

    # Back to the stored representation ---------------------------------------------------

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            data["value"] = self._value(data)
        except forms.ValidationError as exc:
            self.add_error(None, exc)
        return data

    def _value(self, data: dict[str, Any]) -> Any:
        kind = self.spec.kind
        if kind in (BOOL, BOOL_OPT):
            raw = data.get("value")
            return None if raw in ("", None) else raw == "true"
        if kind == FRACTION_OPT:
            return _clean_fraction(data.get("value") or "")
        if kind in (NUMBER, NUMBER_OPT):
            number = data.get("value")
            return None if number is None else float(number)
        if kind in (INT, CHOICE):
            return data.get("value")
        if kind == DATE:
            day = data.get("value")
            return day.isoformat() if day else None
        if kind in (CODE_INTS, FORM_INTS):
            prefix = "n__"
            return {
                n[len(prefix) :]: data[n]
                for n in self.fields
                if n.startswith(prefix) and data.get(n) is not None
            }
        if kind == CODE_RATING:
            return {n[3:]: data[n] for n in self.fields if n.startswith("r__") and data.get(n)}
        if kind == VOTE_RULES:
            rules: dict[str, Any] = {}
            for _label, (threshold, denominator, quorum) in self.table_rows:
                code = threshold.split("__")[1]
                share = _clean_fraction(data.get(threshold) or "")
                if share is None:
                    continue
                rule: dict[str, Any] = {
                    "threshold": share,
                    "denominator": data.get(denominator) or "total_members",
                }
                quorum_share = _clean_fraction(data.get(quorum) or "")
                if quorum_share is not None:
                    rule["quorum"] = quorum_share
                rules[code] = rule
            return rules
        if kind == AUTHORITY:
            out = []
            for _label, (role, code, status, start, end) in self.table_rows:
                if not data.get(role) and not data.get(code):
                    continue
                if not data.get(role) or not data.get(code):
                    raise forms.ValidationError(
                        gettext("Row %(row)s: choose both the authority and the title or form.")
                        % {"row": _label}
                    )
                row: dict[str, Any] = {
                    "role": data[role],
                    "code": data[code],
                    "status": data.get(status) or "allowed",
                }
                if data.get(start):
                    row["valid_from"] = data[start].isoformat()
                if data.get(end):
                    row["valid_to"] = data[end].isoformat()
                out.append(row)
            return out
        return data.get("value")  # pragma: no cover - every kind is handled above

    def common(self) -> list[forms.BoundField]:
        return [self[n] for n in ("unit", "valid_from", "valid_to", "legal_basis", "note")]

    def table(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(label, [self[n] for n in names]) for label, names in self.table_rows]


def _bool_text(value: Any) -> str | None:
    if value is None:
        return None
    return "true" if value else "false"


def _unit_label(spec: Spec) -> Any:
    return f"{spec.label} ({spec.unit})" if spec.unit else spec.label


class ChooseParameterForm(forms.Form):
    key = forms.ChoiceField(label=_("Parameter"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [  # type: ignore[attr-defined]
            (key, spec.label) for key, spec in SPECS.items()
        ]
