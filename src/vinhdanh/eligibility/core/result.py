"""The explanation of one outcome: checks with rule ids, citations and messages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .checks import Msg
from .messages import cite_text, render
from .vocab import Outcome


def check_text(msg: Msg, ok: bool, cite: str, lang: str) -> str:
    text = render(msg[0], msg[1], lang)
    if not ok:
        # A refusal names its legal basis in the clerk's language.
        text = f"{text.rstrip('.')} — {cite_text(cite, lang)}"
    return text


@dataclass(frozen=True)
class CheckResult:
    """One check as the clerk sees it: rule id, met or not, citation, and its message."""

    rule: str
    ok: bool
    cite: str
    msg: Msg  # catalogue key and fields: rendered in any language on demand
    key: str = ""
    effect: str = ""
    lang: str = "vi"  # the language the explanation was asked for

    def message(self, lang: str | None = None) -> str:
        return check_text(self.msg, self.ok, self.cite, lang or self.lang)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {"rule": self.rule, "ok": self.ok, "cite": self.cite, "message": self.message(lang)}


@dataclass(frozen=True)
class Result:
    id: str
    outcome: Outcome
    regime: str
    checks: tuple[CheckResult, ...]
    suggestion_msgs: tuple[Msg, ...] = field(default=())
    code: str = ""
    lang: str = "vi"

    @property
    def suggestions(self) -> list[str]:
        return [render(k, f, self.lang, sentence=False) for k, f in self.suggestion_msgs]

    def to_dict(self, lang: str | None = None, suggestions: bool = False) -> dict[str, Any]:
        """The docs/case-format.md "Result" object; suggestions only when asked for."""
        lang = lang or self.lang
        data: dict[str, Any] = {
            "id": self.id,
            "outcome": self.outcome.value,
            "regime": self.regime,
            "checks": [c.to_dict(lang) for c in self.checks],
        }
        if suggestions:
            data["suggestions"] = [
                render(k, f, lang, sentence=False) for k, f in self.suggestion_msgs
            ]
        return data

    def to_json(self, lang: str | None = None, suggestions: bool = False) -> str:
        return json.dumps(self.to_dict(lang, suggestions), ensure_ascii=False)
