"""How a user is named on screens and documents: as the person they are, in Vietnamese order.

A user linked to a person (`Person.user`) is shown by the person's full name ("Trần Văn Bình");
otherwise by family then given name ("last_name first_name", the order a Vietnamese reader
expects), and only as a last resort by the login name.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist


def user_display_name(user: Any) -> str:
    if user is None or not getattr(user, "pk", None):
        return ""
    try:
        person = user.person
    except (ObjectDoesNotExist, AttributeError):
        person = None
    if person is not None and person.full_name:
        return str(person.full_name)
    family = (getattr(user, "last_name", "") or "").strip()
    given = (getattr(user, "first_name", "") or "").strip()
    full = " ".join(p for p in (family, given) if p)
    return full or str(user.get_username())


def users_by_name(users: Any) -> Any:
    """A user queryset in the order of their names as shown (family name first)."""
    return users.select_related("person").order_by(
        "person__family_name",
        "person__middle_name",
        "person__given_name",
        "last_name",
        "first_name",
        "username",
    )
