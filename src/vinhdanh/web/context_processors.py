"""The main menu, built per request: only what the user may open is shown."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from vinhdanh.councils.domain.queries.sessions import todo_count
from vinhdanh.orgs.domain.queries.scope import has_capability, unit_scope
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.interfaces.scope import import_scope
from vinhdanh.orgs.rules import is_admin
from vinhdanh.people.domain.queries.visibility import own_person


def menu_entries(user: Any) -> list[tuple[str, str]]:
    """(url, label) of every page of the menu the user may open; the home page's tiles too."""
    home = reverse("web:home")
    entries: list[tuple[str, str]] = [
        (home, _("Home")),
        (reverse("web:units"), _("Organisation")),
        (reverse("web:people"), _("People")),
        (reverse("web:catalogue"), _("Awards catalogue")),
        (reverse("web:decisions"), _("Decisions")),
        (reverse("web:workflow_inbox"), _("Nominations")),
    ]
    me = own_person(user)
    if me is not None:  # a user linked to a person reads their own record from the menu
        entries.insert(1, (reverse("web:person", args=[me.pk]), _("My record")))
        if unit_scope(user).is_empty:  # a staff member without a role: no tree of units
            entries.remove((reverse("web:units"), _("Organisation")))
    if not unit_scope(user).is_empty:  # programmes reach every unit that implements them
        entries.append((reverse("web:programmes:list"), _("Programmes")))
    scope = unit_scope(user)
    if scope.everything or scope.subtree_paths:  # a whole subtree to count (statistics)
        entries.append((reverse("web:statistics:page"), _("Statistics")))
    office = is_admin(user) or has_capability(user, Capability.OFFICE)
    if office or has_capability(user, Capability.COUNCIL):
        entries.append((reverse("web:councils:list"), _("Councils")))
    if office:
        entries.append((reverse("web:eligibility_parameters"), _("Rule parameters")))
    if not import_scope(user).is_empty:
        entries.append((reverse("web:imports"), _("Import")))
    if is_admin(user):  # the predicate behind "orgs.view_audit_log", without a permission query
        entries.append((reverse("web:audit"), _("Audit log")))
    return entries


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_decider": False}
    home = reverse("web:home")
    entries = menu_entries(user)
    path = request.path
    matches = [
        url for url, _label in entries if (path == url if url == home else path.startswith(url))
    ]
    current = max(matches, key=len, default=None)  # "/people/12/" is My record, not People
    inbox_url = reverse("web:workflow_inbox")
    # Nominations to act on, and council sessions where the user still has a ballot to cast.
    awaiting = todo_count(user)
    return {
        "nav_items": [
            {
                "url": url,
                "label": label,
                "active": url == current,
                "count": awaiting if url == inbox_url else 0,
            }
            for url, label in entries
        ],
        "nav_awaiting": awaiting,
        "nav_decider": has_capability(user, Capability.DECIDER),
    }
