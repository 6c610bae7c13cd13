"""The exception a scenario whose rules cannot all be met raises: light (no solver code), so the explorer's
server process can catch it while the workers solve."""

from __future__ import annotations

from ..i18n import DEFAULT_LANG, Message


class Infeasible(Exception):
    """The scenario's rules cannot all be met; `explanations` say which, where and by how much
    (messages: put into words with `.text(lang)` where shown)."""

    def __init__(self, explanations: list[Message]):
        self.explanations = explanations
        super().__init__(self.text())

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return "\n".join(m.text(lang) for m in self.explanations)
