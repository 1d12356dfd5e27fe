"""Choosing a unit: which units a user may pick, how each is labelled, and the search.

Every form that asks for a unit offers the units valid on the relevant day (never a dissolved
one), inside the user's own units for the capability the action needs, labelled by their path
below the province ("Sở Y tế › Văn phòng Sở"), so that the dozens of offices called
"Văn phòng Sở" can be told apart. Labels sort in Vietnamese order, parents before children.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import Max, Min, Q
from django.utils.translation import get_language

from vinhdanh.common.freshness import facts_token
from vinhdanh.common.text import collation_key, search_key
from vinhdanh.orgs.domain.queries.scope import UnitScope, unit_scope
from vinhdanh.orgs.enums import Capability, UnitLevel
from vinhdanh.orgs.models import Unit
from vinhdanh.orgs.models.units import UnitQuerySet

SEPARATOR = " › "
SEARCH_LIMIT = 50


@dataclass(frozen=True)
class UnitPick:
    """What a unit field accepts, in terms of the user's roles (never a list of ids).

    capabilities: the roles that let the user act in a unit (empty: any role, i.e. what the
    user may see); above: also the units above those (a deciding unit); collective: only units
    that receive collective titles; levels: only these levels (empty: any); own: of the
    capabilities, those that act in the role's own unit only, not its sub-units (a head opens
    rounds for their unit, not for the communes under it: nominations.rules.OWN_UNIT_ONLY).
    """

    capabilities: tuple[str, ...] = ()
    above: bool = False
    collective: bool = False
    levels: tuple[str, ...] = ()
    own: tuple[str, ...] = ()

    def as_params(self) -> list[tuple[str, str]]:
        params = [("cap", c) for c in self.capabilities]
        params += [("level", lv) for lv in self.levels]
        params += [("own", c) for c in self.own]
        if self.above:
            params.append(("above", "1"))
        if self.collective:
            params.append(("collective", "1"))
        return params

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> UnitPick:
        """The inverse of `as_params`; unknown capabilities and levels are dropped."""
        getlist = getattr(params, "getlist", None)

        def values(key: str) -> list[str]:
            if getlist is not None:
                return list(getlist(key))
            raw = params.get(key)
            return [] if raw is None else [str(raw)]

        caps = tuple(c for c in values("cap") if c in Capability.values)
        levels = tuple(lv for lv in values("level") if lv in UnitLevel.values)
        own = tuple(c for c in values("own") if c in caps)
        return cls(
            capabilities=caps,
            above=bool(values("above")),
            collective=bool(values("collective")),
            levels=levels,
            own=own,
        )


def pick_scope(user: Any, capabilities: Sequence[str], own: Sequence[str] = ()) -> UnitScope:
    """The union of the user's scopes for the capabilities (all roles when none is named);
    those in `own` reach the role's own unit only."""
    if not capabilities:
        return unit_scope(user)
    scopes = [unit_scope(user, c, subunits=c not in own) for c in capabilities]
    if any(s.everything for s in scopes):
        return UnitScope(True, (), ())
    paths = tuple(dict.fromkeys(p for s in scopes for p in s.subtree_paths))
    exact = tuple(dict.fromkeys(i for s in scopes for i in s.exact_ids))
    return UnitScope(False, paths, exact)


def pickable_units(user: Any, pick: UnitPick, *, on: dt.date | None) -> UnitQuerySet:
    """The units the user may choose for `pick`, valid on `on` (None: on any day)."""
    scope = pick_scope(user, pick.capabilities, pick.own)
    query = scope.q()
    if pick.above and not scope.everything:
        above: set[int] = set()
        roots = [
            *scope.subtree_paths,
            *Unit.objects.filter(pk__in=scope.exact_ids).values_list("path", flat=True),
        ]
        for path in roots:
            above.update(int(p) for p in path.strip("/").split("/") if p)
        query |= Q(pk__in=sorted(above))
    units = Unit.objects.filter(query)
    if on is not None:
        units = units.valid_on(on)
    if pick.collective:
        units = units.filter(is_collective=True)
    if pick.levels:
        units = units.filter(level__in=pick.levels)
    return units


@dataclass(frozen=True)
class UnitOption:
    """One unit as a picker shows it."""

    pk: int
    name: str
    label: str  # the path below the common root, e.g. "Sở Y tế › Văn phòng Sở"
    group: str  # the kind of the top branch ("Department …", "Commune …"); "" for the root
    depth: int  # below the common root
    rank: int = field(repr=False, compare=False)  # the group's place (the order of levels)
    sort: tuple[str, ...] = field(repr=False, compare=False)
    key: str = field(repr=False, compare=False)  # diacritic-free text searched

    def matches(self, terms: Sequence[str]) -> bool:
        """Each term starts a word of the label, short name or code ("so" finds Sở, not Hồ sơ)."""
        words = self.key.split()
        return all(any(word.startswith(term) for word in words) for term in terms)


def common_root(units: UnitQuerySet) -> str:
    """The top of the tree ("/1/", the province) when every unit lies under it, else "/".

    Labels start below it: the province is the same for everyone, while a department's name
    tells its offices apart ("Sở Y tế › Văn phòng Sở") for a department clerk too.
    """
    bounds = units.aggregate(lo=Min("path"), hi=Max("path"))
    lo, hi = bounds["lo"] or "", bounds["hi"] or ""
    top = lo.strip("/").split("/")[0] if lo else ""
    if top and hi.startswith(f"/{top}/"):
        return f"/{top}/"
    return "/"


def unit_options(units: Iterable[Unit], *, root: str) -> list[UnitOption]:
    """Options for the units, labelled by their path below `root`, in display order.

    The root unit itself (when it is among the units) is labelled by its own name. Names of
    the ancestors are read in one query.
    """
    units = list(units)
    chains = {u.pk: [int(p) for p in u.path.strip("/").split("/") if p] for u in units}
    root_ids = [int(p) for p in root.strip("/").split("/") if p]
    wanted = {i for chain in chains.values() for i in chain} - {u.pk for u in units}
    known: dict[int, Unit] = {u.pk: u for u in units}
    known.update(
        {u.pk: u for u in Unit.objects.filter(pk__in=wanted).only("id", "name", "level", "path")}
    )
    levels = dict(UnitLevel.choices)
    ranks = {level: n for n, level in enumerate(UnitLevel.values)}
    options: list[UnitOption] = []
    for unit in units:
        chain = chains[unit.pk]
        below = chain[len(root_ids) :] if chain[: len(root_ids)] == root_ids else chain
        group, rank = "", -1
        if not below:  # the root itself
            below = chain[-1:]
        elif below[0] in known:
            top_level = known[below[0]].level
            group, rank = str(levels.get(top_level, "")), ranks.get(top_level, len(ranks))
        names = [known[i].name if i in known else "?" for i in below]
        label = SEPARATOR.join(names)
        options.append(
            UnitOption(
                pk=unit.pk,
                name=unit.name,
                label=label,
                group=group,
                depth=len(below) - 1,
                rank=rank,
                sort=tuple(collation_key(n) for n in names),
                key=search_key(f"{label} {unit.short_name} {unit.code}"),
            )
        )
    options.sort(key=lambda o: (o.rank, o.sort))
    return options


def search_options(
    options: Sequence[UnitOption], query: str, *, limit: int = SEARCH_LIMIT
) -> tuple[list[UnitOption], bool]:
    """The options where every word of the query starts a word of the label (path), short
    name or code, without diacritics or case ("van phong so y te" finds "Sở Y tế › Văn phòng
    Sở").
    Returns the first `limit` matches and whether there were more."""
    terms = search_key(query).split()
    found = [o for o in options if o.matches(terms)]
    return found[:limit], len(found) > limit


def grouped(options: Iterable[UnitOption]) -> list[tuple[str, list[UnitOption]]]:
    """Options in groups (optgroups), in order; the ungrouped root first."""
    groups: dict[str, list[UnitOption]] = {}
    for option in options:
        groups.setdefault(option.group, []).append(option)
    return list(groups.items())


def pick_options(user: Any, pick: UnitPick, *, on: dt.date) -> list[UnitOption]:
    """Every unit the user may pick on `on`, labelled and in display order (one place for the
    form field and the search endpoint, so both label a unit the same way)."""
    return options_of(pickable_units(user, pick, on=on))


# Kept while no unit changes (units are facts: common/freshness.py).
OPTIONS_CACHE_SECONDS = 3600


def options_of(units: UnitQuerySet) -> list[UnitOption]:
    """The options for a set of units, labelled below their common root.

    A province's picker labels ~1,500 units on every page that has one: the options are kept
    in the cache per set of units (its SQL) and language until a unit changes.
    """
    try:
        sql, params = units.query.sql_with_params()
    except EmptyResultSet:  # a set that cannot hold a unit (no scope at all)
        return []
    raw = f"{facts_token(Unit)}|{get_language()}|{sql}|{params!r}"
    key = f"vinhdanh:unit-options:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"
    options: list[UnitOption] | None = cache.get(key)
    if options is None:
        rows = units.only("id", "name", "short_name", "code", "level", "path")
        options = unit_options(rows, root=common_root(units))
        cache.set(key, options, OPTIONS_CACHE_SECONDS)
    return options
