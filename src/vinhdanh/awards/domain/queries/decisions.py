"""Reads about decisions: visibility by scope, the searchable list and one decision's page."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from vinhdanh.awards.domain.queries.awards import awards_to_people_in, awards_to_units_in, units_in
from vinhdanh.awards.models import Award, Decision
from vinhdanh.common.freshness import facts_token
from vinhdanh.common.text import collation_key, normalize, search_key
from vinhdanh.orgs.domain.queries.scope import UnitScope, unit_scope
from vinhdanh.people.domain.queries.visibility import NOTHING, is_own_person, own_person_q

# A day: entries of an old token are never read again, the cache culls them.
AWARD_COUNTS_SECONDS = 24 * 3600
_NUMBER = re.compile(r"^\s*(\d+)\s*(?:/\s*(\S.*))?$")


def visible_decisions(user: Any) -> QuerySet[Decision]:
    """Decisions issued by a unit in scope, or awarding (or revoking) a subject in scope."""
    scope = unit_scope(user)
    if scope.everything:
        return Decision.objects.all()
    own = own_person_q(user, "person")
    if scope.is_empty and own == NOTHING:
        return Decision.objects.none()
    if not scope.is_empty and _issues_most_decisions(scope):
        return Decision.objects.filter(
            scope.q("issuing_unit")
            | _awarding(scope.q("person__current_unit") | scope.q("unit") | own)
        )
    # A staff member sees the decisions that awarded (or revoked) their own titles.
    groups = [Award.objects.filter(own)]
    query = NOTHING
    if not scope.is_empty:
        query = Q(issuing_unit__in=units_in(scope))
        groups += [awards_to_people_in(scope), awards_to_units_in(scope)]
    for awards in groups:
        query |= Q(pk__in=awards.values("decision_id"))
        query |= Q(pk__in=awards.filter(revoked_by__isnull=False).values("revoked_by_id"))
    return Decision.objects.filter(query)


def _issues_most_decisions(scope: UnitScope) -> bool:
    """Whether the scope's own units issued at least half of all decisions (a province office).

    The two ways of asking "does this decision award a subject in scope" cost opposite things:
    collecting the decisions of every award to someone in scope reads all of the scope's awards
    (8.5 million for a province of 1,000,000 people: seconds), while asking each decision in
    turn stops at its first award in scope but reads every award of a decision that has none
    (a department's view of the province's decisions: seconds too). The decisions table is
    small, so counting it picks the cheap way.
    """
    decisions = Decision.objects.count()
    return (
        decisions > 0 and 2 * Decision.objects.filter(scope.q("issuing_unit")).count() >= decisions
    )


def _awarding(subject: Q) -> Q:
    """Decisions with an award (or a revoked award) to a subject matching `subject`, asked per
    decision: the database stops at the first award found."""
    awarded = Award.objects.filter(subject, decision=OuterRef("pk"))
    revoked = Award.objects.filter(subject, revoked_by=OuterRef("pk"))
    return Q(Exists(awarded)) | Q(Exists(revoked))


def search_decisions(
    *,
    user: Any,
    year: int | None = None,
    issuing_body: str = "",
    number: str = "",
) -> QuerySet[Decision]:
    """The decisions list: by year, issuing body and number ("12", "12/QĐ-UBND", "12/qd-ubnd").

    Text that is not a number searches the matter of the decision instead.
    """
    qs = visible_decisions(user).select_related("issuing_unit")
    if year is not None:
        qs = qs.filter(year=year)
    if issuing_body:
        qs = qs.filter(body_key=search_key(issuing_body))
    number = normalize(number)
    if number:
        match = _NUMBER.match(number)
        if match:
            qs = qs.filter(number=int(match.group(1)))
            if match.group(2):
                # "125/qd-ubnd" finds 125/QĐ-UBND: compare symbols without diacritics or case
                # (few decisions share a number, so this runs over a handful of rows).
                wanted = search_key(match.group(2))
                same = [
                    pk
                    for pk, symbol in qs.values_list("pk", "symbol")
                    if search_key(symbol) == wanted
                ]
                qs = qs.filter(pk__in=same)
        else:
            qs = qs.filter(subject__icontains=number)
    return qs.order_by("-signed_on", "-id")


def decision_years(user: Any) -> list[int]:
    return list(visible_decisions(user).order_by("-year").values_list("year", flat=True).distinct())


def issuing_bodies(user: Any) -> list[str]:
    """The issuing bodies of the decisions the user sees, one spelling each."""
    rows = visible_decisions(user).order_by("issuing_body").values_list("body_key", "issuing_body")
    seen: dict[str, str] = {}
    for key, body in rows.distinct():
        seen.setdefault(key, body)
    return sorted(seen.values(), key=search_key)


def award_counts(decision_ids: Iterable[int]) -> dict[int, int]:
    """Number of awards per decision, for one page of the list.

    One grouped count over the page's decisions, but it reads every award they made (a
    province's decisions make thousands each: a second at 1,000,000 people), so a page's
    counts are kept until the awards change (the facts' token, common/freshness.py).
    """
    ids = sorted(set(decision_ids))
    if not ids:
        return {}
    digest = hashlib.blake2b(",".join(map(str, ids)).encode(), digest_size=16).hexdigest()
    key = f"vinhdanh:award-counts:{facts_token(Award, Decision)}:{digest}"
    counts: dict[int, int] | None = cache.get(key)
    if counts is None:
        rows = (
            Award.objects.filter(decision_id__in=ids)
            .values("decision_id")
            .annotate(n=Count("id"))
            .values_list("decision_id", "n")
        )
        counts = dict(rows)
        cache.set(key, counts, AWARD_COUNTS_SECONDS)
    return counts


@dataclass
class DecisionDetail:
    """A decision's page. Awards to subjects outside the viewer's units are only counted:
    a clerk sees a provincial decision's lines for their own people, not other units' names."""

    decision: Decision
    awards: list[Award]
    hidden_awards: int
    revoked_awards: list[Award]
    hidden_revoked_awards: int
    revoked_by: list[Decision]
    revokes_visible: bool


def _subject_visible(award: Award, scope: UnitScope, user: Any = None) -> bool:
    if award.person is not None:
        return is_own_person(user, award.person) or scope.contains(award.person.current_unit)
    return scope.contains(award.unit)


def _subject_order(award: Award) -> tuple[bool, str]:
    """Collectives first, then people in Vietnamese order (given name first)."""
    if award.person is not None:
        return True, award.person.sort_key
    return False, collation_key(award.unit.name if award.unit else "")


def decision_detail(decision: Decision, *, user: Any) -> DecisionDetail:
    scope = unit_scope(user)
    related = ("kind", "person", "person__current_unit", "unit", "revoked_by", "decision")

    def split(qs: QuerySet[Award]) -> tuple[list[Award], int]:
        awards = list(qs.select_related(*related))
        shown = sorted((a for a in awards if _subject_visible(a, scope, user)), key=_subject_order)
        return shown, len(awards) - len(shown)

    awards, hidden = split(decision.awards.all())
    revoked, hidden_revoked = split(decision.revoked_awards.all())
    revoking_ids = decision.awards.filter(revoked_by__isnull=False).values("revoked_by_id")
    visible = visible_decisions(user)
    return DecisionDetail(
        decision=decision,
        awards=awards,
        hidden_awards=hidden,
        revoked_awards=revoked,
        hidden_revoked_awards=hidden_revoked,
        revoked_by=list(visible.filter(pk__in=revoking_ids).order_by("signed_on", "id")),
        revokes_visible=(
            decision.revokes_id is not None and visible.filter(pk=decision.revokes_id).exists()
        ),
    )


def decision_by_pk(pk: Any) -> Decision | None:
    """A decision named by a row the reader already owns (a job's parameters): not a scope
    check, so never call it with an id taken from a request."""
    return Decision.objects.filter(pk=pk).first()


def awards_in_visible_decisions(user: Any) -> QuerySet[Award]:
    """Awards read through their decision: an award of a decision the user may not see is
    absent, like the decision itself."""
    return Award.objects.select_related("decision", "kind").filter(
        decision__in=visible_decisions(user)
    )
