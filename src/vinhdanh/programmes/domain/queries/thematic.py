"""The thematic round opened from a programme's review: its default name and note, and the
rounds of the programme still open (so the office does not open a second one unawares)."""

from __future__ import annotations

import re

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from vinhdanh.common.text import normalize
from vinhdanh.nominations.enums import RoundStatus
from vinhdanh.nominations.models import Round
from vinhdanh.programmes.domain.queries.review import Review
from vinhdanh.programmes.models import Programme

_RANGE = re.compile(r"^(?P<head>.*?)\s*(?P<range>\([^()]*\))$")
# "Sơ kết giữa kỳ chương trình": the word that stands for the programme's own name
_PROGRAMME_WORD = re.compile(r"\s+(?:của\s+)?chương trình$", re.IGNORECASE)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def programme_phrase(programme: Programme) -> str:
    """'Chương trình phổ biến…' as it is; another name as 'chương trình <name>'."""
    name = normalize(programme.name)
    if name.casefold().startswith(normalize("chương trình").casefold()):
        return name
    return _("the programme %(name)s") % {"name": name}


def thematic_round_name(review: Review) -> str:
    """'Khen thưởng sơ kết giữa kỳ Chương trình … (đến quý 1/2026)' from the review's title."""
    title = normalize(review.title)
    match = _RANGE.match(title)
    head, covered = (match["head"], match["range"]) if match else (title, "")
    head = _lower_first(_PROGRAMME_WORD.sub("", head))
    name = normalize(review.programme.name)
    if name.casefold() not in head.casefold():
        head = f"{head} {programme_phrase(review.programme)}"
    if not covered:
        covered = _("(to %(period)s)") % {"period": _lower_first(review.end.label)}
    return _("Commendations for %(subject)s") % {"subject": f"{head} {covered}"}


def thematic_round_note(programme: Programme) -> str:
    return _("Thematic commendations of %(programme)s.") % {
        "programme": programme_phrase(programme)
    }


def open_rounds(programme: Programme) -> QuerySet[Round]:
    return programme.rounds.filter(status=RoundStatus.OPEN).order_by("-created_at")
