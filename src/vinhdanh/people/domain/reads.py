"""Who read whose personal data (Law on Personal Data Protection): the person page, the API and
the .xlsx exports all record it here, in the audit log, the same way."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from vinhdanh.common.audit import record_action, record_system_action
from vinhdanh.people.models import Person

T = TypeVar("T")


def record_person_read(person: Person, *, channel: str) -> None:
    """One person's record was shown (page or API detail)."""
    record_action(person, "viewed", channel=channel)


def record_people_read(person_ids: Iterable[int], *, channel: str, what: str) -> None:
    """A list of people left the system (an export or a page of the API): which ones."""
    ids = sorted(set(person_ids))
    if not ids:
        return
    record_system_action(
        "people.person",
        "list",
        f"listed {len(ids)} people ({what})",
        channel=channel,
        what=what,
        person_ids=ids,
    )


def tracking(items: Iterable[T], ids: list[int], person_id: str = "pk") -> Iterator[T]:
    """Pass the items on, noting the id of each person on the way (exports are streamed)."""
    for item in items:
        ids.append(getattr(item, person_id))
        yield item
