"""Read a checked goal the way the rewriter needs it: its head verb, the slots it has, its shape, its level.

A slot counts as present when the linter finds it, when the goal holds its placeholder (`[deadline]`),
or when it holds a value the packs suggest verbatim: a rewrite, rewritten again, finds nothing missing,
which is what makes rewriting idempotent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from goalcheck.models import GoalResult, TextSpan

from .choose import PackValues, priority_value
from .templates import Level, Shape, Templates

_END = re.compile(r"[\s.!?;:,]+$")
PREPOSITIONS = frozenset(
    [
        "with",
        "in",
        "on",
        "at",
        "for",
        "to",
        "of",
        "about",
        "by",
        "from",
        "as",
        "than",
        "and",
        "or",
        "but",
        "among",
        "across",
        "through",
        "within",
        "per",
        "via",
        "vs",
        "into",
    ]
)
_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
_DETERMINER = re.compile(r"^(?:the|a|an|my|our|your|their|his|her|its|[\w-]+['’]s?)$", re.IGNORECASE)
_LEVEL_WORDS = frozenset({"foundational", "basic", "advanced", "intermediate", "expert", "core", "fundamental"})
_ADJECTIVE_NOUNS = frozenset(
    {"skill", "skills", "knowledge", "expertise", "competence", "competencies", "competency", "capability",
     "capabilities", "proficiency"}
)  # fmt: skip


@dataclass(frozen=True)
class HeadVerb:
    """The goal's first weak verb, what kind it is, and where its object starts."""

    kind: str  # "skill", "purpose" or "weak"
    span: TextSpan
    object_start: int


@dataclass
class Analysis:
    """What the rewriter knows about one goal before composing the rewrite."""

    text: str
    result: GoalResult
    body: tuple[int, int]
    placeholders: dict[str, list[tuple[int, int]]]
    present: set[str]
    head: HeadVerb | None
    shape: Shape
    level: Level | None
    role_text: str | None
    generic_object: bool
    priority_id: str | None
    words: frozenset[str] = field(default_factory=frozenset)


def body_of(text: str) -> tuple[int, int]:
    """Return the goal's span without surrounding whitespace and its closing punctuation."""
    start = len(text) - len(text.lstrip())
    match = _END.search(text)
    end = match.start() if match else len(text)
    if text[:end].lower().endswith(("etc", "e.g", "i.e")):
        end += 1 if end < len(text) and text[end] == "." else 0  # the abbreviation's period belongs to it
    return start, max(start, end)


def words_after(text: str, pos: int, count: int) -> list[re.Match[str]]:
    """Return up to `count` word matches after `pos`, stopping at a comma, semicolon or colon."""
    stop = re.search(r"[,;:]", text[pos:])
    limit = pos + stop.start() if stop else len(text)
    return list(_WORD.finditer(text, pos, limit))[:count]


def _matches(term: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(term.lower()) + r"(?!\w)", text.lower()) is not None


_ROLE_LEAD = re.compile(r"^\s*for [^:]{1,80}:\s*", re.IGNORECASE)


def head_verb(
    result: GoalResult, templates: Templates, skill_words: frozenset[str], skills: tuple[str, ...]
) -> HeadVerb | None:
    """Return the goal's first weak verb and whether its object is a skill, or only names a purpose.

    The object is a skill when one of its words is a skill word of the templates ("skills", "handling")
    or it names one of the packs' skills ("objection handling", "scientific dialogue").
    """
    first = next((v for v in result.vague_terms if v.category == "weak-verb"), None)
    text = result.text
    if first is None:
        # A goal that already leads with the templates' verb (a rewrite): its object may still take a level.
        m = re.match(rf"\s*(?:for [^:]{{1,80}}:\s*)?({re.escape(templates.verb)}|show)\b", text, re.IGNORECASE)
        if m is None:
            return None
        return HeadVerb("skill", TextSpan(start=m.start(1), end=m.end(1), text=m.group(1)), m.end(1))
    verb = first.span.text.lower()
    before = text[: first.span.start].strip().lower()
    if any(verb.startswith(p) for p in templates.purpose_verbs):
        if before in {"", "to"}:
            return HeadVerb("purpose", first.span, first.span.end)
        if not _ROLE_LEAD.sub("", text[: first.span.start]).strip():
            # After a role ("For reps: support ..."), also the one a rewrite added: kept as it is, never reframed.
            return HeadVerb("weak", first.span, first.span.end)
    obj = words_after(text, first.span.end, 6)
    phrase = " ".join(m.group().lower() for m in obj)
    is_skill = any(_skill_word(m.group().lower(), skill_words) for m in obj) or any(_matches(s, phrase) for s in skills)
    return HeadVerb("skill" if is_skill else "weak", first.span, first.span.end)


def _skill_word(word: str, skill_words: frozenset[str]) -> bool:
    return any(word == w or (word.startswith(w) and len(word) - len(w) <= 3) for w in skill_words)


def level_of(role_text: str | None, templates: Templates) -> Level | None:
    """Return the development level a role's words name ("new specialty representatives": foundational)."""
    if not role_text:
        return None
    return next((lv for lv in templates.levels if any(_matches(w, role_text) for w in lv.words)), None)


def adjective_position(result: GoalResult, head: HeadVerb) -> int | None:
    """Return where a level adjective goes in the head's object ("demonstrate |selling skills"), if it fits."""
    obj = object_words(result, head)
    if not obj:
        return None
    start = obj[1].start() if _DETERMINER.match(obj[0].group()) and len(obj) > 1 else obj[0].start()
    while start > 0 and result.text[start - 1] in "\"'“‘(":
        start -= 1  # before an opening quote: 'foundational "selling" skills'
    names = [m.group().lower() for m in obj]
    if _LEVEL_WORDS & set(names) or not _ADJECTIVE_NOUNS & set(names[:4]):
        return None
    return start


def object_words(result: GoalResult, head: HeadVerb, *, through: frozenset[str] = frozenset()) -> list[re.Match[str]]:
    """Return the words of a head verb's object: up to a preposition (except `through`), leaving out vague words."""
    vague = [(v.span.start, v.span.end) for v in result.vague_terms]
    out: list[re.Match[str]] = []
    text = result.text
    for m in words_after(text, head.object_start, 8):
        if out and m.group().lower() in PREPOSITIONS - through:
            break
        if text[m.start() - 1 : m.start()] == "[" and text[m.end() : m.end() + 1] == "]":
            continue  # a placeholder is not the author's word
        if not any(s <= m.start() < e for s, e in vague):
            out.append(m)
    return out


def generic_object(result: GoalResult, head: HeadVerb | None, purpose_verbs: tuple[str, ...] = ()) -> bool:
    """Tell whether a skill goal's object names no particular skill ("selling skills", "product knowledge").

    A purpose ("to support the launch", a template's purpose verb after "to") is not part of the object: a
    rewrite moves the deadline in front of it, and the second reading must see the same object as the first.
    """
    if head is None or head.kind != "skill":
        return False
    from .choose import words

    obj = object_words(result, head, through=frozenset({"of", "to"}))
    for i in range(len(obj) - 1):
        after = result.text[obj[i + 1].start() :].lower()
        if obj[i].group().lower() == "to" and any(re.match(rf"{re.escape(v)}\b", after) for v in purpose_verbs):
            obj = obj[:i]
            break
    rest = words(" ".join(m.group() for m in obj))
    rest = frozenset(w for w in rest if not w[:1].isdigit())  # "selling skills to 2": a value, not a skill
    return len({w for w in rest if not _skill_word(w, _ADJECTIVE_NOUNS)}) <= 1


def select_shape(templates: Templates, result: GoalResult, present: set[str], head: HeadVerb | None) -> Shape:
    """Return the first shape whose `when` holds for the goal."""
    facts = {name for name, value in result.facets.model_dump().items() if value} | present
    if result.cadences:
        facts.add("cadence")
    lower = result.text.lower()
    for shape in templates.shapes:
        when = shape.when
        if any(f not in facts for f in when.has) or any(f in facts for f in when.lacks):
            continue
        if when.words and not any(_matches(w, lower) for w in when.words):
            continue
        if when.head and (head is None or head.kind not in when.head):
            continue
        return shape
    return templates.shapes[-1]


def present_slots(
    result: GoalResult, placeholders: dict[str, list[tuple[int, int]]], values: PackValues, role: str | None
) -> set[str]:
    """Return the slots a goal has: found by the linter, held as placeholders, or a pack's value verbatim."""
    f = result.facets
    present = {name for name in placeholders}
    present |= {
        slot
        for slot, has in (
            ("role", f.role or role is not None),
            ("metric", f.metric),
            ("target", f.target),
            ("baseline", f.baseline),
            ("activity", f.action),
            ("deadline", f.deadline),
            ("priority", any(p.configured for p in result.priorities)),
            ("milestones", f.milestones),
        )
        if has
    }
    if "target" in placeholders:
        present.add("metric")  # "[target] calls": what is counted is the measure
    lower = result.text.lower()
    for slot, options in (("role", values.roles), ("activity", values.activities), ("skill", values.skills)):
        if any(o.text.lower() in lower for o in options):
            present.add(slot)
    if any(s.lower() in lower for p, _ in values.priorities for s in p.skills):
        present.add("skill")  # a priority's skill, filled in by an earlier suggest rewrite
    if any(m.name.lower() in lower for m, *_ in values.metrics):
        present.add("metric")
    if any(priority_value(p).lower() in lower for p, _ in values.priorities):
        present.add("priority")
    return present


def find_placeholders(text: str, templates: Templates) -> dict[str, list[tuple[int, int]]]:
    """Return the placeholders a text holds, by slot name."""
    from .models import SLOT_NAMES

    found: dict[str, list[tuple[int, int]]] = {}
    for m in templates.placeholder_pattern.finditer(text):
        slot = templates.slot_of(m.group(1))
        if slot in SLOT_NAMES:
            found.setdefault(slot, []).append((m.start(), m.end()))
    return found
