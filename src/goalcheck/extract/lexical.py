"""Extract priorities, activities, roles and vague language from vocabulary hits and their context."""

from __future__ import annotations

import re

from goalcheck.models import Activity, Cadence, Priority, Role, VagueTerm
from goalcheck.rulebook import RuleBook

from .tokens import Hit, TokenView

PRIORITY_PREFIX = "priority:"
_QUANTIFIERS = {"more", "new", "every", "each", "no", "all", "fewer", "top", "additional", "net", "most"}
_GERUND_STOP = {"during", "morning", "evening", "something", "nothing", "anything", "everything", "spring",
                "string", "thing", "bring", "king", "ring", "being", "meeting"}
_AUX = {"is", "was", "be", "been", "are", "were", "will", "has", "have", "had", "being", "get", "gets", "got"}
_PERSON = re.compile(r"^[\s\-*•>\d.)]*(?P<name>[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]+)?)\s+(?:will|is\s+expected\s+to|should|must|"
                     r"can|has\s+to|needs\s+to|is\s+going\s+to|would)\b")
_NOT_NAMES = {"the", "this", "that", "these", "those", "our", "we", "they", "each", "every", "all", "everyone",
              "everybody", "team", "staff", "sales", "students", "managers", "it", "there", "he", "she", "you",
              "someone", "nobody", "customers", "patients", "revenue", "it", "my", "i", "leadership", "management",
              "company", "department", "individual", "employees", "people", "participants", "goal", "project",
              "program", "system", "product", "platform", "process", "attendance", "turnover", "quality", "launch"}
_GRADE = re.compile(r"\b(?:(?:grade|year|form|class)\s*\d{1,2}|\d{1,2}(?:st|nd|rd|th)[\s-]grade|k-?12|"
                    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)"
                    r"(?:[\s-]grade)?\s+(?:students?|learners?|pupils?|scholars?|readers?)\b|\b\d{1,2}(?:st|nd|rd|th)[\s-]graders\b",
                    re.IGNORECASE)


def priorities(view: TokenView, book: RuleBook) -> list[Priority]:
    """Return the configured priorities and business outcomes the goal names."""
    names = {p.id: p.name for p in book.priorities}
    found: list[Priority] = []
    for label, hits in view.hits.items():
        if label.startswith(PRIORITY_PREFIX):
            pid = label[len(PRIORITY_PREFIX):]
            found += [Priority(id=pid, name=names.get(pid, pid), configured=True, span=_span(view, h)) for h in hits]
    for h in view.hits.get("outcome", ()):
        found.append(Priority(id="outcome", name=h.text.lower(), configured=False, span=_span(view, h)))
    for h in view.hits.get("outcome_noun", ()):
        if _counted_or_won(view, h):
            found.append(Priority(id="outcome", name=h.text.lower(), configured=False, span=_span(view, h)))
    return _dedupe(found, key=lambda p: p.id if p.configured else p.name)


def _counted_or_won(view: TokenView, hit: Hit) -> bool:
    before = view.window_before(hit.start, 4)
    if any(view.lower[i] in _QUANTIFIERS or view.is_number(i) for i in before):
        return True
    return view.any_label(before, {"outcome_verb"})


def activities(view: TokenView, cadences: list[Cadence]) -> list[Activity]:
    """Return concrete activities: activity nouns, action verbs, verbs with concrete objects, means."""
    found: list[tuple[int, int]] = []
    for h in view.hits.get("activity", ()):
        if not (h.start > 0 and view.lower[h.start - 1] == "best"):
            found.append((h.start, h.end))
    found += [(h.start, h.end) for h in view.hits.get("action_verb", ())]
    for h in view.hits.get("object_verb", ()):
        after = view.window_after(h.end, 6)
        if view.any_label(after, {"concrete_object", "activity"}):
            found.append((h.start, h.end))
    found += _means(view)
    result = []
    for start, end in sorted(set(found)):
        span = view.span(start, end)
        cadence = _nearest(cadences, span.start)
        result.append(Activity(name=span.text.lower(), span=span, cadence=cadence))
    return _dedupe(result, key=lambda a: a.span.start)


def _means(view: TokenView) -> list[tuple[int, int]]:
    """Find means clauses: "by using role-play", "through new hires" (not "through better qualification")."""
    found = []
    lower = view.lower
    for i, word in enumerate(lower[:-1]):
        nxt = lower[i + 1]
        vague = view.covers[i + 1] & {"comparative", "adjective", "weak_verb", "quantifier", "abstract_noun"}
        if word in {"through", "via"} and nxt.isalpha() and not vague and nxt not in {"the", "a", "an", "q1", "q2"}:
            found.append((i, i + 2))
        elif word == "by" and nxt.endswith("ing") and len(nxt) > 5 and nxt not in _GERUND_STOP and not vague:
            found.append((i, i + 2))
    return found


def _nearest(cadences: list[Cadence], char: int) -> Cadence | None:
    if not cadences:
        return None
    return min(cadences, key=lambda c: abs(c.span.start - char))


def roles(view: TokenView) -> list[Role]:
    """Return job roles, teams by function, levels and named people the goal is for."""
    found: list[Role] = []
    for h in view.hits.get("role", ()):
        if _role_is_object(view, h):
            continue
        level = _level_before(view, h.start)
        found.append(Role(name=h.text.lower(), kind="level" if level else "role", level=level, span=_span(view, h)))
    for h in view.hits.get("team_function", ()):
        if h.end < len(view.lower) and "team_noun" in view.starts[h.end] and not _role_is_object(view, h):
            noun = next(x for x in view.hits["team_noun"] if x.start == h.end)
            found.append(Role(name=f"{h.text} {noun.text}".lower(), kind="team", span=view.span(h.start, noun.end)))
    for h in view.hits.get("people_noun", ()):
        level = _level_before(view, h.start)
        if level and not _role_is_object(view, h):
            found.append(Role(name=h.text.lower(), kind="level", level=level, span=_span(view, h)))
    text = view.doc.text
    for m in _GRADE.finditer(text):
        span = view.span(view.token_at_char(m.start()), view.token_at_char(m.end() - 1) + 1)
        found.append(Role(name=m.group(0).lower(), kind="level", level=m.group(0).split()[0].lower(), span=span))
    person = _PERSON.match(text)
    if person and person.group("name").split()[0].lower() not in _NOT_NAMES:
        first = view.token_at_char(person.start("name"))
        if not view.covers[first]:
            found.append(Role(name=person.group("name"), kind="person", span=view.span(first, first + 1)))
    return _dedupe(found, key=lambda r: r.span.start)


def _level_before(view: TokenView, i: int) -> str | None:
    for j in view.window_before(i, 3):
        if "level" in view.covers[j]:
            return view.lower[j]
    return None


def _role_is_object(view: TokenView, hit: Hit) -> bool:
    """Tell a role the goal acts on ("hire 3 nurses", "talk with pharmacy directors") from its owner."""
    if hit.end < len(view.lower) and "org_noun" in view.starts[hit.end]:
        return True
    if view.covers[hit.start] & {"outcome", "metric"}:
        return True
    before = view.window_before(hit.start, 4)
    words = [view.lower[i] for i in before]
    if any(w in {"each", "every", "all"} for w in words):
        return False  # "with each manager developing ..." distributes the goal over its owners
    if any(w in {"with", "through", "via"} for w in words[-3:]):
        return True
    return view.any_label(before, {"hire_verb"})


# ---- vague language ------------------------------------------------------------------------------

_CATEGORY = {"weak_verb": "weak-verb", "quantifier": "quantifier", "comparative": "comparative",
             "adverb": "adverb", "adjective": "adjective", "superlative": "superlative", "loophole": "loophole",
             "temporal": "temporal"}


def vague_terms(view: TokenView, *, has_target: bool, has_metric: bool) -> list[VagueTerm]:
    """Return the vague words and phrases that carry the goal's meaning."""
    found: list[VagueTerm] = []
    accepted = {i for h in view.hits.get("accept", ()) for i in range(h.start, h.end)}
    for label, category in _CATEGORY.items():
        for h in view.hits.get(label, ()):
            if accepted & set(range(h.start, h.end)):
                continue
            cat = _judge(view, h, category, has_target=has_target)
            if cat:
                found.append(VagueTerm(category=cat, span=_span(view, h)))  # type: ignore[arg-type]
    if not has_target:
        found += _weak_constructions(view, has_metric=has_metric)
    return _dedupe(sorted(found, key=lambda v: v.span.start), key=lambda v: v.span.start)


def _judge(view: TokenView, h: Hit, category: str, *, has_target: bool) -> str | None:
    """Decide whether a vague-vocabulary hit is vague here, and in which category."""
    lower = view.lower
    nxt = lower[h.end] if h.end < len(lower) else ""
    prev = lower[h.start - 1] if h.start > 0 else ""
    if category == "weak-verb":
        participle = h.text.lower().endswith("ed") and prev not in _AUX and prev not in {"i", "we", "they", "she", "he"}
        if participle and nxt.isalpha():
            return "adjective"  # "improved processes" stays vague whatever the target
        return None if has_target else category
    if category in {"comparative", "adjective", "quantifier"}:
        # "more than 30 days", "5 or fewer errors", "10 more calls", "80% or higher" have a reference point.
        if nxt in {"than", "of"} and category == "comparative" or prev in {"or", "no"} or view.is_number(h.start - 1):
            return None
        if view.is_number(h.end):
            return None
    if category == "superlative" and (view.is_number(h.end) or nxt in {"than"}):
        return None
    return category


def _weak_constructions(view: TokenView, *, has_metric: bool) -> list[VagueTerm]:
    """Find "develop capability"-style verbs with abstract objects, and "increase" with nothing measurable."""
    found = []
    for h in view.hits.get("build_verb", ()):
        after = view.window_after(h.end, 5)
        if view.any_label(after, {"abstract_noun"}) and not view.any_label(after, {"concrete_object", "activity"}):
            found.append(VagueTerm(category="weak-verb", span=_span(view, h)))
    if not has_metric:
        for h in view.hits.get("direction_up", ()):
            if view.lower[h.start] not in {"more", "add", "gain"}:
                found.append(VagueTerm(category="weak-verb", span=_span(view, h)))
    return found


def _span(view: TokenView, h: Hit):  # noqa: ANN202 - returns TextSpan
    return view.span(h.start, h.end)


def _dedupe(items: list, key) -> list:  # noqa: ANN001
    seen = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out
