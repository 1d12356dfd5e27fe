"""The English pages show the same dd/mm/yyyy date fields (common/widgets.py): they read dates
day first as well, never month first, so a date saved in Vietnamese reads back the same."""

from vinhdanh.formats.vi.formats import DATE_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS"]
