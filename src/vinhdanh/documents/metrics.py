"""Text widths in Times New Roman, to draw the header's underlines to the decree's lengths.

Liberation Serif has the same advance widths as Times New Roman (it is metric-compatible), so
its tables give the width a line takes on paper. Without the font file an average width is
used: the lines are then a little off, never missing.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Any

_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/liberation"),
)
_FILES = {False: "LiberationSerif-Regular.ttf", True: "LiberationSerif-Bold.ttf"}


@functools.cache
def _metrics(bold: bool) -> tuple[dict[int, int], int] | None:
    for folder in _DIRS:
        path = folder / _FILES[bold]
        if path.exists():
            try:
                from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
            except ImportError:  # pragma: no cover - fontTools comes with matplotlib
                return None
            font: Any
            with TTFont(str(path)) as font:
                cmap = font.getBestCmap()
                hmtx = font["hmtx"]
                widths = {code: hmtx[name][0] for code, name in cmap.items()}
                return widths, int(font["head"].unitsPerEm)
    return None


def text_width_pt(text: str, size: float, *, bold: bool = False) -> float:
    """The advance width of `text` at `size` points (NFC; combining marks take no room)."""
    text = unicodedata.normalize("NFC", text)
    found = _metrics(bold)
    if found is None:
        return len(text) * size * (0.56 if bold else 0.5)
    widths, units = found
    average = units // 2
    total = sum(widths.get(ord(c), average) for c in text if not unicodedata.combining(c))
    return total * size / units
