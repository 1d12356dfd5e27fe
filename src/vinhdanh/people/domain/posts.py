"""Posts over time. A person holds one main post at a time; concurrent posts may overlap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from vinhdanh.orgs.models import Unit
from vinhdanh.orgs.signals import posts_moving, units_ending
from vinhdanh.people.models import Person, Post


class PostError(ValueError):
    pass


def overlapping_main_post(
    person: Person, start: dt.date, end: dt.date | None, *, exclude: Post | None = None
) -> Post | None:
    qs = Post.objects.filter(person=person, is_concurrent=False).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )
    if end is not None:
        qs = qs.filter(start_date__lte=end)
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return qs.select_related("unit").first()


@transaction.atomic
def assign_post(
    *,
    person: Person,
    unit: Unit,
    title: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    is_concurrent: bool = False,
    close_previous: bool = True,
) -> Post:
    """Give a person a post. With close_previous, an open main post ends the day before."""
    if end_date is not None and end_date < start_date:
        raise PostError(_("The post ends before it starts."))
    if not unit.is_valid_on(start_date):
        raise PostError(
            _("%(unit)s does not exist on %(day)s.")
            % {"unit": unit.name, "day": start_date.strftime("%d/%m/%Y")}
        )
    if not is_concurrent:
        if close_previous:
            for post in Post.objects.filter(
                person=person,
                is_concurrent=False,
                end_date__isnull=True,
                start_date__lt=start_date,
            ):
                post.end_date = start_date - dt.timedelta(days=1)
                post.save(update_fields=["end_date"])
        clash = overlapping_main_post(person, start_date, end_date)
        if clash is not None:
            raise PostError(
                _(
                    "%(person)s already holds a post in %(unit)s from %(start)s: one person "
                    "cannot be in two places at once."
                )
                % {
                    "person": person.full_name,
                    "unit": clash.unit.name,
                    "start": clash.start_date.strftime("%d/%m/%Y"),
                }
            )
    post = Post.objects.create(
        person=person,
        unit=unit,
        title=title,
        start_date=start_date,
        end_date=end_date,
        is_concurrent=is_concurrent,
    )
    refresh_current_unit([person.pk])
    return post


def refresh_current_unit(person_ids: Iterable[int], *, today: dt.date | None = None) -> None:
    """Re-derive Person.current_unit/current_title from the main posts.

    The post held today wins; else the last one held before today; a post that only starts
    later (a recorded transfer) counts only for someone with nothing before it (a new recruit).
    """
    today = today or dt.date.today()
    ids = list(person_ids)
    posts = (
        Post.objects.filter(person_id__in=ids, is_concurrent=False)
        .order_by("person_id", "-start_date")
        .only("person_id", "unit_id", "title", "start_date", "end_date")
    )

    def rank(post: Post) -> tuple[int, int]:
        if post.start_date > today:
            return (0, -post.start_date.toordinal())  # the earliest future post
        if post.end_date is None or post.end_date >= today:
            return (2, post.start_date.toordinal())
        return (1, post.start_date.toordinal())

    best: dict[int, Post] = {}
    for post in posts:
        current = best.get(post.person_id)
        if current is None or rank(post) > rank(current):
            best[post.person_id] = post
    for person in Person.objects.filter(pk__in=ids):
        chosen = best.get(person.pk)
        unit_id, title = (chosen.unit_id, chosen.title) if chosen else (None, "")
        if person.current_unit_id != unit_id or person.current_title != title:
            person.current_unit_id, person.current_title = unit_id, title
            person.save(update_fields=["current_unit", "current_title"])


def close_posts_in_units(units: Sequence[Unit], last_day: dt.date) -> int:
    posts = Post.objects.filter(unit__in=units).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=last_day)
    )
    person_ids = list(posts.values_list("person_id", flat=True))
    count = 0
    for post in posts:
        post.end_date = last_day
        post.save(update_fields=["end_date"])
        count += 1
    refresh_current_unit(person_ids)
    return count


def move_open_posts(units: Sequence[Unit], successor: Unit, effective_date: dt.date) -> int:
    """On a merger the people of the old units continue in the successor, same post title."""
    open_posts = list(
        Post.objects.filter(unit__in=units).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=effective_date)
        )
    )
    last_day = effective_date - dt.timedelta(days=1)
    for post in open_posts:
        post.end_date = last_day
        post.save(update_fields=["end_date"])
        Post.objects.create(
            person_id=post.person_id,
            unit=successor,
            title=post.title,
            start_date=effective_date,
            is_concurrent=post.is_concurrent,
        )
    refresh_current_unit({p.person_id for p in open_posts})
    return len(open_posts)


def _on_posts_moving(
    sender: Any, *, units: Sequence[Unit], to: Unit, effective_date: dt.date, **kwargs: Any
) -> None:
    move_open_posts(units, to, effective_date)


def _on_units_ending(
    sender: Any, *, units: Sequence[Unit], last_day: dt.date, **kwargs: Any
) -> None:
    close_posts_in_units(units, last_day)


def connect() -> None:
    """Posts follow their units: orgs (below people) signals merges, splits and endings."""
    posts_moving.connect(_on_posts_moving, dispatch_uid="people-move-posts")
    units_ending.connect(_on_units_ending, dispatch_uid="people-close-posts")
