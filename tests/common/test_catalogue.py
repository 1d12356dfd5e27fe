"""Vietnamese first: every text the code marks for translation has a Vietnamese translation."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import shutil
from pathlib import Path
from typing import Any

import polib
import pytest
from django.core.management import call_command
from django.db import models
from django.utils import translation
from django.utils.translation import gettext

import vinhdanh


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs gettext")
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


# --- Strings that come from Python, not from templates -----------------------------------
# The extraction above proves every *marked* string has a translation; these tests prove the
# strings the product shows from Python are marked, translated, and rendered in Vietnamese.

# Words that betray English in a Vietnamese text (whole words, case-sensitive).
ENGLISH_WORDS = re.compile(
    r"\b(?:the|of|and|or|not|for|from|with|before|after|into|by|is|are|no|Law|Art|Decree"
    r"|Circular|Resolution|clause|parameter|jurisdiction|assumed|confirmed|verified|months"
    r"|repealed|council|rules|procedure|district|level|abolished|initiative|criteria|engine"
    r"|achievement|reward|member|disciplined|amended|authority|applied|unsettled|several"
    r"|forms|principles|restored|versioned|table|regime|present_members|total_members)\b"
)


def _choices_classes() -> list[type[models.Choices]]:
    found: list[type[models.Choices]] = []
    for info in pkgutil.walk_packages(vinhdanh.__path__, "vinhdanh."):
        if not (info.name.endswith(".enums") or ".models" in info.name):
            continue
        module = importlib.import_module(info.name)
        candidates = list(vars(module).values())
        for obj in list(candidates):
            if inspect.isclass(obj) and issubclass(obj, models.Model):
                candidates += list(vars(obj).values())  # choices nested in a model
        for obj in candidates:
            if (
                inspect.isclass(obj)
                and issubclass(obj, models.Choices)
                and obj.__module__.startswith("vinhdanh.")
                and obj not in found
            ):
                found.append(obj)
    return found


def _in(lang: str, text: Any) -> str:
    with translation.override(lang):
        return str(text)


def test_every_choice_label_is_shown_in_vietnamese() -> None:
    classes = _choices_classes()
    assert len(classes) > 20
    untranslated = [
        f"{c.__module__}.{c.__name__}.{value}: {_in('en', label)}"
        for c in classes
        for value, label in c.choices
        if _in("vi", label) == _in("en", label)
    ]
    assert untranslated == []


def test_every_workflow_button_is_shown_in_vietnamese() -> None:
    from vinhdanh.nominations.enums import TRANSITIONS

    for move in TRANSITIONS:
        with translation.override("vi"):
            shown = gettext(move.label)
        assert shown != move.label, f"the button “{move.label}” is not translated"
    with translation.override("vi"):
        assert gettext("Appraise") == "Thẩm định đạt"
        assert gettext("Propose to the decider") == "Trình cấp có thẩm quyền"


def test_audit_messages_and_parameter_labels_are_shown_in_vietnamese() -> None:
    from vinhdanh.web import audit_display, parameters_ui

    texts: list[Any] = list(audit_display.ACTION_MESSAGES.values())
    texts += list(audit_display.KEY_LABELS.values())
    texts += list(audit_display.READ_WHATS.values()) + list(audit_display.CHANNELS.values())
    texts += list(audit_display.OBJECT_IDS.values())
    for spec in parameters_ui.SPECS.values():
        texts += [spec.label, spec.help, *(label for _value, label in spec.choices)]
    same = [_in("en", t) for t in texts if _in("vi", t) == _in("en", t)]
    assert same == []
    with translation.override("vi"):
        assert audit_display.action_message("viewed") == "đã xem hồ sơ"
        assert "Chờ" not in audit_display.action_message("transition draft → submitted")
        assert audit_display.action_message("transition draft → submitted") == (
            "chuyển từ “Dự thảo” sang “Đã trình”"
        )


def test_every_eligibility_message_has_a_vietnamese_text_without_english() -> None:
    from vinhdanh.eligibility.core import messages as m

    for key, (vi, en) in m.CATALOGUE.items():
        if key in {"suggest"}:  # "{needs} → {code}": no words
            continue
        assert vi != en, key
        words = ENGLISH_WORDS.findall(re.sub(r"\{[^}]*\}|\[[?!]\w+:", " ", vi))
        assert words == [], f"{key}: {words} in “{vi}”"
    for names in (m.CODE_NAMES, m.ROLE_NAMES, m.FORM_NAMES, m.DENOMINATOR_NAMES):
        for code, (vi, _en) in names.items():
            assert not ENGLISH_WORDS.findall(vi), code


def _citations() -> set[str]:
    """Every citation written in the eligibility engine's source (keyword `cite…=` or a
    string naming a legal document)."""
    found: set[str] = set()
    document = re.compile(r"^(?:Law|Decree|Circular|Resolution) \d|rules of procedure")
    for path in (Path(vinhdanh.__file__).parent / "eligibility").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = None
            if isinstance(node, ast.keyword) and node.arg and "cite" in node.arg:
                value = node.value
            elif isinstance(node, ast.Constant):
                value = node
            text = value.value if isinstance(value, ast.Constant) else None
            if isinstance(text, str) and document.search(text) and len(text) < 200:
                found.add(text)
    return found


def test_every_citation_of_the_engine_reads_in_vietnamese() -> None:
    from vinhdanh.eligibility.core.messages import cite_text

    citations = _citations()
    assert len(citations) > 40
    for cite in sorted(citations):
        shown = cite_text(cite, "vi")
        words = ENGLISH_WORDS.findall(shown)
        assert words == [], f"“{cite}” → “{shown}”: {words}"
        assert "rules.md" not in shown, f"“{cite}” → “{shown}”"
        english = cite_text(cite, "en")
        assert "rules.md" not in english, f"“{cite}” → “{english}”"
        if "rules.md" not in cite:  # the English rendering keeps the law as written
            assert english == cite


def test_citations_follow_vietnamese_legal_writing() -> None:
    from vinhdanh.eligibility.core.messages import cite_text

    # what the developers' digest says stays; where it says it does not
    assert cite_text("Law 06/2022 Art. 22; rules.md §8.4 (unsettled)", "vi") == (
        "Luật TĐKT 06/2022, Điều 22 (chưa thống nhất)"
    )
    assert cite_text("Law 2003/2013; Decree 91/2017 (rules.md §7.1)", "vi") == (
        "Luật TĐKT 2003 (sửa đổi 2013); Nghị định 91/2017"
    )

    assert cite_text("Law 06/2022 Art. 74(1)(d)", "vi") == (
        "Luật TĐKT 06/2022, Điều 74 khoản 1 điểm d"
    )
    assert cite_text("Decree 91/2017 Art. 10", "vi") == "Nghị định 91/2017, Điều 10"
    assert cite_text("Law 06/2022 Art. 22; rules.md §8.4 (unsettled)", "en") == (
        "Law 06/2022 Art. 22 (unsettled)"
    )
    assert cite_text("Law 2003/2013; Decree 91/2017 (criteria not in rules.md §7.1)", "en") == (
        "Law 2003/2013; Decree 91/2017 (criteria not in the engine)"
    )


def test_translation_functions_keep_names_the_extractor_knows() -> None:
    """`gettext_noop as N_` hid the workflow's buttons from makemessages: only `_` and the
    functions' own names are extracted."""
    alias = re.compile(
        r"from django\.utils\.translation import .*\b(\w*gettext\w*) as (?!_\b)(\w+)"
    )
    found = [
        f"{path.name}: {match.group(0)}"
        for path in Path(vinhdanh.__file__).parent.rglob("*.py")
        for match in alias.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_text_a_user_reads_cites_a_developer_document() -> None:
    """Users read the law, not the project's notes: no translation and no template text
    (outside template comments) names "rules.md"; a text cites the law's article instead."""
    root = Path(vinhdanh.__file__).parent
    catalogue = polib.pofile(str(root / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    cited = [e.msgid for e in catalogue if "rules.md" in e.msgid + e.msgstr]
    comment = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
    templates = [
        str(path.relative_to(root))
        for path in root.rglob("templates/**/*.html")
        if "rules.md" in comment.sub("", path.read_text(encoding="utf-8"))
    ]
    assert cited == []
    assert templates == []


def test_the_vietnamese_catalogue_addresses_the_user_in_one_way() -> None:
    """State bodies' software addresses its user as “đồng chí”: never “bạn” beside it (the
    ballot read “Phiếu bầu của bạn” while the to-do page said “đồng chí”)."""
    po = polib.pofile(str(Path(vinhdanh.__file__).parent / "locale/vi/LC_MESSAGES/django.po"))
    informal = [e.msgid for e in po if re.search(r"\b[Bb]ạn\b", e.msgstr)]
    informal += [
        e.msgid for e in po for text in e.msgstr_plural.values() if re.search(r"\b[Bb]ạn\b", text)
    ]
    assert informal == []
    with translation.override("vi"):
        assert gettext("Your ballot") == "Phiếu bầu của đồng chí"
        assert gettext("You have voted. Thank you.") == "Đồng chí đã bỏ phiếu. Xin cảm ơn."
