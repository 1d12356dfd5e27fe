"""Vietnamese first: every text the code marks for translation has a Vietnamese translation."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

import vinhdanh

pytestmark = pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs gettext")


def test_every_marked_text_is_translated_into_vietnamese(tmp_path, monkeypatch):
    source = Path(vinhdanh.__file__).parent
    copy = tmp_path / "vinhdanh"
    # Extract from a copy so the committed catalogue is never rewritten by the test.
    shutil.copytree(
        source, copy, ignore=shutil.ignore_patterns("__pycache__", "migrations", "*.mo")
    )
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["vi"], no_obsolete=True, no_location=True, verbosity=0)
    catalogue = polib.pofile(str(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    assert missing == [], "run `make messages` and translate: " + "; ".join(missing)
