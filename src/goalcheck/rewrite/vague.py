"""Vague words in a rewrite: drop them, replace them, or turn them into the slot they stand for.

The action for each word comes from the templates (`vague:` in rewrite/templates.yaml); the guards here
keep the sentence grammatical and its meaning: a word is never dropped where the sentence needs it ("be
more confident" stays "be confident", "a better leader" stays as it is), "less time" is never turned
into "time", and "a strong brand" becomes "an ..." with the article it then needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from goalcheck.models import TextSpan, VagueTerm

from .analyze import PREPOSITIONS
from .models import Edit, Part

if TYPE_CHECKING:
    from .analyze import Analysis
    from .core import CoreState
    from .templates import Shape, Templates

_BE = frozenset(
    [
        "be",
        "is",
        "are",
        "am",
        "was",
        "were",
        "been",
        "being",
        "become",
        "becomes",
        "became",
        "get",
        "gets",
        "feel",
        "feels",
        "stay",
        "seem",
    ]
)
_ARTICLE = frozenset({"a", "an"})
_LIST_END = frozenset({"etc.", "etc", "and more", "and so on"})


def _word_before(text: str, pos: int) -> tuple[str, int]:
    m = re.search(r"([\w'’-]+)\s*$", text[:pos])
    return (m.group(1), m.start(1)) if m else ("", pos)


def _word_after(text: str, pos: int) -> str:
    m = re.match(r"\s*([\w'’-]+)", text[pos:])
    return m.group(1) if m else ""


def _drop_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span to delete for a dropped word: the word and the space on one side of it."""
    after = len(text[end:]) - len(text[end:].lstrip(" "))
    if after and end + after < len(text) and text[end + after] not in ",.;:)":
        return start, end + after
    before = len(text[:start]) - len(text[:start].rstrip(" "))
    return start - before, end


_QUANTITY_WORDS = frozenset({"more", "less", "fewer"})
_AFTER_PLACEHOLDER = re.compile(r"\[[^\[\]]+\]\s*$")  # "... [target] " right before a word
_INTENSIFIERS = frozenset({"more", "less", "much", "even", "far", "very", "a", "lot"})
# Word endings of an adjective that names a state ("stressed", "reactive", "confident"), not a noun ("time").
_ADJECTIVE_END = re.compile(r"(?:ed|ive|ful|ous|ent|ant|ic|al|able|ible|less|ish|y)$")
_NOUN_PHRASE_STOP = PREPOSITIONS | {"who", "that", "which", "while", "when", "so"}


def _noun_phrase_end(text: str, pos: int) -> int:
    """Return where the noun phrase after `pos` ends: up to 3 words, before a preposition or punctuation."""
    end = pos
    for _ in range(3):
        m = re.match(r"[ \t]+([\w'’-]+)", text[end:])
        if not m or m.group(1).lower() in _NOUN_PHRASE_STOP:
            break
        end += m.end()
    return end


def word_is_count(term: VagueTerm, nxt: str) -> bool | None:
    """Tell whether "more"/"less"/"fewer" counts the next word ("more calls"); None for other terms."""
    if term.span.text.lower() not in _QUANTITY_WORDS:
        return None if nxt and not nxt.lower().endswith("ly") else False
    word = nxt.lower()
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "ous", "ness", "less", "ics"))


def _more(term: VagueTerm) -> VagueTerm:
    """Return the "more" of an "and more" term."""
    start = term.span.end - len("more")
    span = TextSpan(start=start, end=term.span.end, text=term.span.text[-4:])
    return VagueTerm(category="comparative", span=span)


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" and not word.lower().startswith(("uni", "use", "eu")) else "a"


class VagueEdits:
    """The vague-word changes of a CoreBuilder (a mixin: it records changes with `add`)."""

    a: Analysis
    t: Templates
    shape: Shape
    state: CoreState
    value: Callable[[str], list[Part]]

    # Provided by CoreBuilder: record a change; make a piece of the template's own wording.
    add: Callable[..., None]
    template: Callable[[str], Part]

    def _edit(self, action: str, term: VagueTerm, start: int, end: int, replacement: str, reason: str) -> Edit:
        span = TextSpan(start=start, end=end, text=self.a.text[start:end])
        return Edit(action=action, span=span, replacement=replacement, category=term.category, reason=reason)  # type: ignore[arg-type]

    def vague(self) -> None:
        """Apply the templates' action to each vague word, where the sentence allows it."""
        for term in self.a.result.vague_terms:
            if self.a.head is not None and term.span == self.a.head.span:
                continue
            word = term.span.text.lower()
            rule = self.t.vague.terms.get(word)
            action = rule.action if rule else self.t.vague.categories.get(term.category, "keep")
            self._apply(term, action, rule.text if rule else "")

    def _apply(self, term: VagueTerm, action: str, replacement: str) -> None:
        text, s, e = self.a.text, term.span.start, term.span.end
        word = term.span.text.lower()
        prev, prev_at = _word_before(text, s)
        nxt = _word_after(text, e)
        if word in _QUANTITY_WORDS and _AFTER_PLACEHOLDER.search(text[:s]):
            return None  # "[target] fewer hours": the author's number, once filled in, gives the amount
        if (
            word == "more"
            and action == "target"
            and nxt
            and word_is_count(term, nxt) is False
            and (_ADJECTIVE_END.search(nxt.lower()) or nxt.lower() == "often")
        ):
            # "a more strategic mindset" -> "a strategic mindset" keeps the direction; "more time" keeps "more"
            action = "drop"
        elif action in {"drop", "target"} and prev.lower() in _BE:
            return self._needed(term)  # "be better", "be less stressed": only the author can say what it means
        if action == "drop" and term.category == "comparative" and word != "more" and prev.lower() in _ARTICLE:
            return self._needed(term)  # "a better leader"
        if action == "drop" and term.category == "adjective" and (not nxt or nxt.lower() in PREPOSITIONS):
            return self._needed(term)  # predicative: "be confident", "confident with KOLs"
        if term.span.text.lower() in _LIST_END and text[e:].strip(" ") and text[e:].strip()[:1] not in ",.;:!?":
            if term.span.text.lower() == "and more" and word_is_count(_more(term), nxt):
                self._apply(_more(term), "target", "")  # "and more lunches": a count, not a list's end
            return None  # "and more time on strategy" is not a list's end
        if action == "target" and word in _QUANTITY_WORDS and nxt.lower() == "time":
            return self._time_amount(term, word)  # "less time firefighting" -> "[target] fewer hours firefighting"
        if action == "target" and word_is_count(term, nxt) is False:
            if _ADJECTIVE_END.search(nxt.lower()):
                return self._needed(term)  # "less stressed", "less reactive": a state
            action = "drop" if nxt.lower().endswith("ly") or not nxt else "keep"  # "more regularly", "less time"
        if action == "keep":
            return None
        if action == "drop":
            self._drop(term, prev, prev_at, nxt)
        elif action == "replace":
            edit = self._edit("replace", term, s, e, replacement, "vague wording with a plain equivalent")
            self.add(s, e, [self.template(replacement)], edit)
        elif action == "target":
            self.state.target = True
            edit = self._edit("slot", term, s, e, self.t.slot("target"), "stands for a number")
            self.add(s, e, self.value("target"), edit)
        elif action == "deadline":
            self._deadline(term)
        elif action in {"practices", "behaviour"}:
            edit = self._edit("slot", term, s, e, self.t.slot(action), "only the author can name what it stands for")
            self.add(s, e, self.value(action), edit)
        return None

    def _time_amount(self, term: VagueTerm, word: str) -> None:
        """Count an amount of time: "less time" -> "[target] fewer hours", "more time" -> "[target] more hours"."""
        s = term.span.start
        m = re.match(r"\s+time\b", self.a.text[term.span.end :], re.IGNORECASE)
        end = term.span.end + m.end() if m else term.span.end
        unit = ("more" if word == "more" else "fewer") + " hours"
        self.state.target = True
        edit = self._edit("slot", term, s, end, f"{self.t.slot('target')} {unit}", "an amount of time is counted")
        self.add(s, end, [*self.value("target"), self.template(" " + unit)], edit)

    # ---- a vague word the sentence needs --------------------------------------------------------------
    def _needed(self, term: VagueTerm) -> None:
        """Turn a vague word the sentence needs into what shows it, or keep it (templates: `vague.needed`).

        "Be a better leader" -> "Be a leader who shows [observable behaviour]"; "Be more confident with
        KOLs" -> "Show [observable behaviour] with KOLs"; "happier and less stressed" -> "happier and show
        [observable behaviour]". Only the author can say what the behaviour is; the placeholder asks.
        """
        from .core import render  # core builds on this mixin

        if self.t.vague.needed != "behaviour":
            return
        text, s, e = self.a.text, term.span.start, term.span.end
        prev, prev_at = _word_before(text, s)
        before, before_at = _word_before(text, prev_at)
        reason = f"{term.category}: only the author can say what shows it"
        if prev.lower() in _ARTICLE and before.lower() in _BE:
            end = _noun_phrase_end(text, e)
            if end > e:  # "(be) a better leader": the person, then what shows it
                self._drop(term, prev, prev_at, _word_after(text, e))
                parts = render(self.t.phrase(self.shape, "behaviour"), self.value, self.template)
                self.add(end, end, parts, self._edit("slot", term, s, e, self.t.slot("behaviour"), reason))
                return
        start = s
        if prev.lower() in _BE:
            start = prev_at  # "Be more confident" -> "Show [observable behaviour]"
        elif prev.lower() in _INTENSIFIERS and before.lower() in _BE:
            start = before_at  # "be more confident": "more" was dropped, the state goes with it
        end = e
        nxt = re.match(r"\s+([\w'’-]+)", text[e:])
        grades = term.span.text.lower() in _QUANTITY_WORDS | {"better"}
        if grades and nxt and _ADJECTIVE_END.search(nxt.group(1).lower()):
            end = e + nxt.end()  # "less stressed": the word and the state it grades
        phrase = self.t.phrase(self.shape, "behaviour_verb")
        if text[start : start + 1].isupper():
            phrase = phrase[:1].upper() + phrase[1:]
        self.state.changes = [c for c in self.state.changes if c.parts or not (start <= c.start and c.end <= end)]
        parts = render(phrase, self.value, self.template)
        self.add(start, end, parts, self._edit("replace", term, start, end, "".join(p.text for p in parts), reason))

    def _drop(self, term: VagueTerm, prev: str, prev_at: int, nxt: str) -> None:
        start, end = _drop_span(self.a.text, term.span.start, term.span.end)
        reason = f"{term.category}: judges without measuring"
        if prev.lower() in _ARTICLE and nxt:
            article = _article(nxt)
            article = article.capitalize() if prev[:1].isupper() else article
            edit = self._edit("drop", term, prev_at, end, article + " ", reason)
            self.add(prev_at, end, [self.template(article + " ")], edit)
            return
        self.add(start, end, [], self._edit("drop", term, start, end, "", reason))

    def _deadline(self, term: VagueTerm) -> None:
        if "deadline" in self.a.present or self.state.deadline:
            self._drop(term, "", term.span.start, "")
            return
        self.state.deadline = True
        phrase = self.t.phrase(self.shape, "deadline").strip()
        before, _, after = phrase.partition("{deadline}")
        parts = [self.template(before), *self.value("deadline"), self.template(after)]
        edit = self._edit("slot", term, term.span.start, term.span.end, phrase, "stands for a date")
        self.add(term.span.start, term.span.end, [p for p in parts if p.text], edit)
