"""Extract priorities, activities, roles and vague language from vocabulary hits and their context.

A blank pipeline has no part-of-speech tags, so context decides: "review" is an action where it stands
as a verb ("will review", "and review", at the start of a clause) and a noun elsewhere ("the review
process"); "sales" is a result in "grow sales" and a modifier in "sales cycle".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import TypeVar

from goalcheck.models import Activity, Cadence, Priority, Role, TextSpan, VagueTerm
from goalcheck.rulebook import RuleBook

from .tokens import BOUNDARY, Hit, TokenView

# The models' builders, read once: a class attribute read goes through pydantic's metaclass `__getattr__` hook
# (~90 ns a read, timeit), and extraction builds ~15 models a goal.
_trusted_text_span = TextSpan.trusted
_trusted_priority = Priority.trusted
_trusted_activity = Activity.trusted
_trusted_role = Role.trusted
_trusted_vague_term = VagueTerm.trusted

# Inline patterns, compiled once.
_PERIOD_TOKEN = re.compile(r"q[1-4]|h[12]|month|week")
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")
# A token that is a date on its own, besides the words of _TIME_WORDS: "2026", "2026-06-30", "6/30/26", "FY26", "EOY".
_DATE_TOKEN = re.compile(r"(?:19|20)\d\d(?:-\d\d-\d\d)?|\d{1,2}/\d{1,2}(?:/\d{2,4})?|fy'?\d{2,4}|eo[yqm]|year-end")
_QUARTER_OR_HALF = re.compile(r"q[1-4]|h[12]")

T = TypeVar("T")
PRIORITY_PREFIX = "priority:"
_QUANTIFIERS = {
    "more",
    "new",
    "every",
    "each",
    "no",
    "all",
    "fewer",
    "top",
    "additional",
    "net",
    "most",
    "%",
    "percent",
    "percentage",
    "share",
    "proportion",
    "number",
}
_GERUND_STOP = {
    "during",
    "morning",
    "evening",
    "something",
    "nothing",
    "anything",
    "everything",
    "spring",
    "string",
    "thing",
    "bring",
    "king",
    "ring",
    "being",
    "meeting",
}
_AUX = {"is", "was", "be", "been", "are", "were", "will", "has", "have", "had", "being", "get", "gets", "got"}
_SUBJECT_OR_MODAL = {
    "will",
    "to",
    "and",
    "or",
    "i",
    "we",
    "they",
    "you",
    "should",
    "must",
    "can",
    "shall",
    "then",
    "also",
    "would",
    "could",
    "may",
    "might",
    "&",
    "+",
    "/",
    "please",
}
_PREPOSITIONS = {"on", "in", "at", "to", "for", "with", "of", "by", "from", "about", "into", "onto", "around"}
_PERSON_NAME = (
    r"(?P<name>[^\W\d_]{3,}(?:\s+[^\W\d_]+)?)\s+(?:will|is\s+expected\s+to|"
    r"should|must|can|has\s+to|needs\s+to|is\s+going\s+to|would)\b"
)
# A named person as a clause's subject: at the start of the goal (after list marks) or after punctuation.
# Two patterns, not one alternation with "^": one opening with a character set lets `re` skip to the
# punctuation instead of trying both branches at every character (see _persons).
_PERSON_AT_START = re.compile(r"[\s\-*•>\d.)]*" + _PERSON_NAME)
_PERSON_AFTER_MARK = re.compile(r"[.;:,]\s+" + _PERSON_NAME)
_NOT_NAMES = {
    "the",
    "this",
    "that",
    "these",
    "those",
    "our",
    "we",
    "they",
    "each",
    "every",
    "all",
    "everyone",
    "everybody",
    "team",
    "staff",
    "sales",
    "students",
    "managers",
    "it",
    "there",
    "he",
    "she",
    "you",
    "someone",
    "nobody",
    "customers",
    "patients",
    "revenue",
    "my",
    "i",
    "leadership",
    "management",
    "company",
    "department",
    "individual",
    "employees",
    "people",
    "participants",
    "goal",
    "project",
    "program",
    "system",
    "product",
    "platform",
    "process",
    "attendance",
    "turnover",
    "quality",
    "launch",
    "none",
    "which",
    "what",
    "who",
    "training",
    "performance",
}
_GRADE = re.compile(
    r"\b(?:(?:grade|year|form|class)\s*\d{1,2}|\d{1,2}(?:st|nd|rd|th)[\s-]grade|k-?12|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)"
    r"(?:[\s-]grade)?\s+(?:students?|learners?|pupils?|scholars?|readers?)\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)[\s-]graders\b|\b(?:students?|learners?|pupils?)\s+in\s+grades?\s+\d",
    re.IGNORECASE,
)
# Cheap tests that a goal must pass before _GRADE and _persons are tried (most goals fail both): every
# _GRADE match names its learners ("students", "pupils", "6th graders"), every _persons match has its verb.
# Plain substring tests (`in`, a fast search in C), not a regex alternation: `re` tries each branch at each
# character of the goal. Written out, not a loop over the words: roles 63.7k -> 51.4k instructions a goal for
# the two gates (a loop over a tuple of the words: 53.4k; callgrind, 300 bench goals).
_PERSON_NEEDS_IS = re.compile(r"is\s")  # a literal prefix: `re` searches for it quickly


def _may_name_learners(low: str) -> bool:
    """Tell whether the lower-cased goal holds a word every _GRADE match holds (`student|learner|...`)."""
    return (
        "student" in low or "learner" in low or "pupil" in low or "scholar" in low or "reader" in low or "grader" in low
    )


def _may_name_person(text: str) -> bool:
    r"""Tell whether the goal holds a verb every _persons match holds (`will|should|...|is\s`)."""
    return (
        "will" in text
        or "should" in text
        or "must" in text
        or "can" in text
        or "has" in text
        or "needs" in text
        or "would" in text
        or _PERSON_NEEDS_IS.search(text) is not None
    )


_TIME_WORDS = {
    "end",
    "close",
    "rest",
    "remainder",
    "year",
    "quarter",
    "month",
    "week",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
    "fy",
    "today",
    "tomorrow",
    "spring",
    "summer",
    "fall",
    "winter",
}
_COUNTED_ACTIVITIES = {
    "call",
    "calls",
    "email",
    "emails",
    "visit",
    "visits",
    "meeting",
    "meetings",
    "demo",
    "demos",
    "lunch",
    "lunches",
    "presentation",
    "presentations",
    "session",
    "sessions",
    "interview",
    "interviews",
    "ride-along",
    "ride-alongs",
    "workshop",
    "workshops",
    "webinar",
    "webinars",
    "lesson",
    "lessons",
    "review",
    "reviews",
    "class",
    "classes",
    "event",
    "events",
}


def _dedupe(items: Iterable[T], key: Callable[[T], Hashable]) -> list[T]:
    seen: set[Hashable] = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def _span(view: TokenView, h: Hit) -> TextSpan:
    # The hit carries its character range and text already: the same values as view.span(h.start, h.end).
    return _trusted_text_span(start=h.char_start, end=h.char_end, text=h.text)


def _next(view: TokenView, i: int) -> str:
    return view.lower[i] if i < len(view.lower) else ""


# Label sets the rules test, built once (a set literal in an expression is built again at every call).
_HEAD_LABELS = frozenset({"modified_head", "team_noun", "role"})
_TEAM_HEADS = frozenset({"modified_head", "team_noun"})
_SUBJECT_LABELS = frozenset({"role", "people_noun", "team_noun"})
_OBJECT_LABELS = frozenset({"concrete_object", "activity"})
_RESULT_LABELS = frozenset({"outcome", "metric"})
_VAGUE_AFTER_MEANS = frozenset({"comparative", "adjective", "weak_verb", "quantifier", "abstract_noun"})
_VAGUE_AFTER_BY = frozenset({"comparative", "adjective", "weak_verb"})
_CLAUSE_BEFORE_VERB = frozenset(_SUBJECT_OR_MODAL | {","})
_SUBJECT_PRONOUNS_OR_AUX = frozenset(_AUX | {"i", "we", "they", "she", "he"})


def _modifies_next(view: TokenView, h: Hit) -> bool:
    """Tell a word used as a modifier ("sales cycle", "customer-centric", "nurse positions")."""
    if _hyphen_after(view, h):
        return True
    return not view.starts[h.end].isdisjoint(_HEAD_LABELS)


_DATE_GLUE = {"by", "in", "on", "before", "until", "the", "of", "end", "-", "–", "/"}


def _is_date_word(word: str) -> bool:
    """Tell whether a lower-cased token names a time or a date ("june", "q3", "6/30/26", "fy26")."""
    return (
        word.rstrip(".") in _TIME_WORDS
        or _PERIOD_TOKEN.fullmatch(word) is not None
        or _DATE_TOKEN.fullmatch(word) is not None
    )


def _after_leading_date(view: TokenView, j: int) -> bool:
    """Tell whether tokens ..j are a date phrase that opens a clause: "By Feb 15", "by end of Q2"."""
    timed = False
    while j >= 0 and view.lower[j] not in BOUNDARY:
        word = view.lower[j]
        if _is_date_word(word) or view.is_number(j):
            timed = True
        elif word not in _DATE_GLUE:
            return False
        j -= 1
    return timed


def _verb_position(view: TokenView, i: int) -> bool:
    """Tell whether token i stands where a verb does: clause start, after a modal, a subject or "and"."""
    lower = view.lower
    j = i - 1
    while j >= 0 and ((lower[j].endswith("ly") and len(lower[j]) > 3) or lower[j] in {"each", "both", "all"}):
        j -= 1  # "and eventually merge", "will independently review", "MSLs will each present"
    if j < 0 or lower[j] in BOUNDARY or lower[j] in _CLAUSE_BEFORE_VERB:
        return True
    if _after_leading_date(view, j):
        return True  # "by Feb 15 publish the data contracts", "in Q2 launch the portal"
    if _PERIOD_TOKEN.fullmatch(lower[j]) or (view.is_number(j) and j > 0 and lower[j - 1] in {"month", "week"}):
        return True  # "Q2 train all FLMs", "month 3 pass the check-off"
    if lower[i].endswith("ing") and lower[j] in {"by", "through", "of", "after", "before", "keep", "start"}:
        return True
    if not view.covers[j].isdisjoint(_SUBJECT_LABELS):
        # Subject and verb agree: "reps deliver", "the rep delivers" (not "social worker log").
        return lower[j].endswith("s") or lower[i].endswith("s")
    return False


# ---- strategic -----------------------------------------------------------------------------------


def priorities(view: TokenView, book: RuleBook) -> list[Priority]:
    """Return the configured priorities and business outcomes the goal names."""
    names: dict[str, str] | None = None  # built when the goal names a configured priority (most do not)
    found: list[Priority] = []
    for label, hits in view.hits.items():
        if label.startswith(PRIORITY_PREFIX):
            if names is None:
                names = book.priority_names()  # two reads a priority otherwise, each through pydantic's hook
            pid = label[len(PRIORITY_PREFIX) :]
            found += [
                _trusted_priority(id=pid, name=names.get(pid, pid), configured=True, span=_span(view, h))
                for h in hits
                if _names_result(view, h)
            ]
    for h in view.hits.get("outcome", ()):
        if _names_result(view, h):
            found.append(_trusted_priority(id="outcome", name=h.text.lower(), configured=False, span=_span(view, h)))
    for h in view.hits.get("outcome_noun", ()):
        if _counted_or_won(view, h) and not _modifies_next(view, h):
            found.append(_trusted_priority(id="outcome", name=h.text.lower(), configured=False, span=_span(view, h)))
    if len(found) < 2:
        return found  # nothing to order or merge (most goals name one priority or none)
    return _dedupe(sorted(found, key=lambda p: p.span.start), key=lambda p: p.id if p.configured else p.name)


def _np_quantified(view: TokenView, i: int) -> bool:
    """Tell whether the noun phrase ending at token i starts with a quantity ("50 new customers", "no customer")."""
    j = i - 1
    for _ in range(3):
        if j < 0:
            return False
        word = view.lower[j]
        if word in _QUANTIFIERS or view.is_number(j):
            return True
        if not word.isalpha() or word in _PREPOSITIONS or word in {"the", "a", "an", "and", "or", "in", "to"}:
            return word in {"of"} and j > 0 and (view.lower[j - 1] in _QUANTIFIERS or view.lower[j - 1] == "%")
        j -= 1
    return False


def _names_result(view: TokenView, h: Hit) -> bool:
    """Reject team names ("market access team"), titles ("VP of Sales") and program launches ("launch a pilot")."""
    nxt = _next(view, h.end)
    if nxt == "-" or not view.starts[h.end].isdisjoint(_TEAM_HEADS) or "role" in view.covers[h.start]:
        return False
    if h.start >= 2 and view.lower[h.start - 1] == "of" and "role" in view.covers[h.start - 2]:
        return False
    if view.lower[h.start].startswith("launch") and h.end - h.start == 1:
        # "launch training" names the launch as the topic; "launch 3 new practices" launches something else.
        after = list(view.window_after(h.end, 5))[1:]
        return not view.any_label(range(after[0], after[-1] + 1) if after else range(0), _OBJECT_LABELS)
    return True


_OUTCOME_VERB = frozenset({"outcome_verb"})
_WEAK_VERB = frozenset({"weak_verb"})
_HIRE_VERB = frozenset({"hire_verb"})
_METRIC = frozenset({"metric"})
_MEASURE_NOUN = frozenset({"measure_noun"})
_ABSTRACT_NOUN = frozenset({"abstract_noun"})
_NOT_ABSTRACT = frozenset({"concrete_object", "activity", "metric"})


def _counted_or_won(view: TokenView, hit: Hit) -> bool:
    if _np_quantified(view, hit.start):
        return True
    return view.any_label(view.window_before(hit.start, 4), _OUTCOME_VERB)


# ---- actions -------------------------------------------------------------------------------------


def activities(view: TokenView, cadences: list[Cadence]) -> list[Activity]:
    """Return concrete activities: activity nouns, action verbs, verbs with concrete objects, means."""
    found: list[tuple[int, int]] = []
    for h in view.hits.get("activity", ()):
        if (
            not (h.start > 0 and view.lower[h.start - 1] == "best")
            and not _is_skill(view, h.start)
            and not (_measured_by(view, h.start) or view.any_label(view.window_before(h.start, 3), _WEAK_VERB))
        ):
            found.append((h.start, h.end))
    for h in view.hits.get("action_verb", ()):
        if _verb_position(view, h.start) and not _is_skill(view, h.start):
            found.append((h.start, h.end))
    for h in view.hits.get("object_verb", ()):
        if _has_object(view, view.window_after(h.end, 6)) and not _is_skill(view, h.start):
            found.append((h.start, h.end))
    found += _means(view) + _counted(view)
    result: list[Activity] = []
    if not found:
        return result
    # Most goals name no cadence: no offsets to list and no nearest one to look for (a comprehension and a call
    # an activity are Python calls in 3.11).
    starts = [c.span.start for c in cadences] if cadences else None
    last = -1
    for start, end in sorted(set(found)):
        if start == last:
            continue  # one activity a start token: the shortest, which sorts first
        last = start
        span = view.span(start, end)
        cadence = _nearest(cadences, starts, span.start) if starts else None
        result.append(_trusted_activity(name=span.text.lower(), span=span, cadence=cadence))
    return result


def _has_object(view: TokenView, window: range) -> bool:
    """Tell whether a word in `window` names a concrete object or activity, not a result or priority."""
    for i in window:
        labels = view.covers.get(i)
        if (
            labels
            and not labels.isdisjoint(_OBJECT_LABELS)
            and labels.isdisjoint(_RESULT_LABELS)
            and not any(lbl.startswith(PRIORITY_PREFIX) for lbl in labels)
        ):
            return True  # the first one decides
    return False


def _measured_by(view: TokenView, i: int) -> bool:
    """Tell an instrument of measurement ("as measured by documented observation") from an activity."""
    window = view.window_before(i, 5)
    return not _MEASURED.isdisjoint(view.lower[window.start : window.stop])


_MEASURED = frozenset({"measured", "assessed", "recorded", "scored", "evaluated"})


def _is_skill(view: TokenView, i: int) -> bool:
    """Tell the behaviour being developed ("ability to conduct ...") from an activity that develops it."""
    return i >= 2 and view.lower[i - 1] == "to" and "abstract_noun" in view.covers[i - 2]


_MEANS_LEADS = frozenset({"through", "via", "by"})


def _means(view: TokenView) -> list[tuple[int, int]]:
    """Find means clauses: "by using role-play", "through a buddy program" (not "through better qualification")."""
    found: list[tuple[int, int]] = []
    lower = view.lower
    if _MEANS_LEADS.isdisjoint(lower):
        return found  # one C-level pass rules out most goals before the loop over every word
    for i, word in enumerate(lower[:-1]):
        j = i + 1
        if word in {"through", "via"}:
            while j < len(lower) - 1 and lower[j] in {"the", "a", "an", "our", "their", "my"}:
                j += 1
            if lower[j] in _TIME_WORDS or _YEAR_TOKEN.fullmatch(lower[j]):
                continue  # "through the end of 2025", "through June": a period, not a means
            vague = not view.covers[j].isdisjoint(_VAGUE_AFTER_MEANS)
            if (lower[j].isalpha() or view.is_number(j)) and not vague and not _QUARTER_OR_HALF.fullmatch(lower[j]):
                found.append((i, j + 1))
        elif (
            word == "by"
            and lower[j].endswith("ing")
            and len(lower[j]) > 4
            and lower[j] not in _GERUND_STOP
            and view.covers[j].isdisjoint(_VAGUE_AFTER_BY)
        ):
            found.append((i, j + 1))
    return found


def _counted(view: TokenView) -> list[tuple[int, int]]:
    """Find counted activities: "40 calls/day", "2 lunches per month"."""
    if _COUNTED_ACTIVITIES.isdisjoint(view.lower):
        return []  # as in _means: most goals name none of these nouns
    return [
        (i - 1, i + 1)
        for i in range(1, len(view.lower))
        if view.lower[i] in _COUNTED_ACTIVITIES and view.is_number(i - 1)
    ]


def _nearest(cadences: list[Cadence], starts: list[int], char: int) -> Cadence | None:
    """Return the cadence nearest to a character offset (`starts`: the cadences' offsets, in text order)."""
    if not cadences:
        return None
    i = bisect_left(starts, char)
    return min(cadences[max(0, i - 1) : i + 1], key=lambda c: abs(c.span.start - char))


# ---- roles ---------------------------------------------------------------------------------------


def roles(view: TokenView) -> list[Role]:
    """Return job roles, teams by function, levels and named people the goal is for."""
    found: list[Role] = []
    object_ends: list[int] = []  # where the roles the goal acts on end: a role joined to one is acted on too
    for h in view.hits.get("role", ()):
        if _role_is_object(view, h) or _joined_to(view, h, object_ends):
            object_ends.append(h.end)
            continue
        level = _level_before(view, h.start)
        kind = "level" if level else "role"
        found.append(_trusted_role(name=h.text.lower(), kind=kind, level=level, span=_span(view, h)))
    teams = view.hits.get("team_noun")  # most goals name no team noun: no search a function word
    for h in view.hits.get("team_function", ()):
        team = next((x for x in teams if x.start == h.end), None) if teams else None
        if team is not None and not _role_is_object(view, h, team=True) and not _modifies_next(view, team):
            name = f"{h.text} {team.text}".lower()
            found.append(_trusted_role(name=name, kind="team", level=None, span=view.span(h.start, team.end)))
        elif team is None and (first := _subject_start(view, h)) is not None:
            span = view.span(first, h.end)  # "Data engineering: ...", "HR will ..."
            found.append(_trusted_role(name=span.text.lower(), kind="team", level=None, span=span))
    if teams:
        found += _named_teams(view)
    for h in view.hits.get("people_noun", ()):
        level = _level_before(view, h.start) or _group_before(view, h.start)
        if level and not _role_is_object(view, h):
            found.append(_trusted_role(name=h.text.lower(), kind="level", level=level, span=_span(view, h)))
    text = view.text
    for m in _grades(text):
        span = view.span(view.token_at_char(m.start()), view.token_at_char(m.end() - 1) + 1)
        name, level = m.group(0).lower(), m.group(0).split()[0].lower()
        found.append(_trusted_role(name=name, kind="level", level=level, span=span))
    for person in _persons(text) if _may_name_person(text) else ():
        name = person.group("name")
        words = name.split()
        if not all(w[0].isupper() and w[1:2].islower() for w in words) or words[0].lower() in _NOT_NAMES:
            continue
        first = view.token_at_char(person.start("name"))
        last = first + len(words)
        if not any(view.covers[i] for i in range(first, last)):
            found.append(_trusted_role(name=name, kind="person", level=None, span=view.span(first, last)))
    if len(found) < 2:
        return found  # nothing to order or merge (most goals name one role or none)
    return _dedupe(sorted(found, key=lambda r: r.span.start), key=lambda r: r.span.start)


def _persons(text: str) -> Iterator[re.Match[str]]:
    r"""Yield the matches of `(?:^[list marks]*|[.;:,]\s+)name verb`, left to right, as finditer would.

    "^" holds only at 0, so the start pattern is tried there first, as the alternation's first branch
    would be; every later match, and one at 0 when the first fails, opens with a punctuation mark.
    """
    pos = 0
    person = _PERSON_AT_START.match(text)
    if person is not None:
        yield person
        pos = person.end()  # matches are never empty: the scan moves on
    while (person := _PERSON_AFTER_MARK.search(text, pos)) is not None:
        yield person
        pos = person.end()


# The only letters outside ASCII that `re` matches to ASCII letters when it ignores case (Python's `re`
# docs, and a search of every code point): "İ", "ı", "ſ" and the Kelvin sign.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def _grades(text: str) -> Iterable[re.Match[str]]:
    # _GRADE ignores case, so every match holds a learners' word in ASCII letters or in one of the four
    # letters above; without those, the word is in the lower-cased text and the gate is exact.
    if not _may_name_learners(text.lower()) and (text.isascii() or _FOLDS_TO_ASCII.isdisjoint(text)):
        return ()
    return _GRADE.finditer(text)


def _subject_start(view: TokenView, h: Hit) -> int | None:
    """Return where a team named by its function starts when it is a clause's subject ("HR will ..."), else None."""
    first = _first_of_run(view, h.start, "team_function")  # "Marketing ops will ...": a run of function words
    at_start = first == 0 or view.lower[first - 1] in BOUNDARY
    nxt = _next(view, h.end)
    if nxt == ")":  # "MSL team (oncology): ..."
        nxt = _next(view, h.end + 1)
    return first if at_start and nxt in _SUBJECT_NEXT else None


_VERB_LABELS = {"weak_verb", "action_verb", "object_verb", "hire_verb", "build_verb", "outcome_verb"}
_TEAM_WORDS = {"team", "crew", "squad"}
_SUBJECT_NEXT = {"will", "should", "must", "to", "shall", "is", "are", ":"}
_TEAM_DETERMINERS = {"the", "our", "my", "your", "their", "his", "her", "a", "an", "this", "that", "each", "every"}
_NOT_A_TEAM_NAME = _TEAM_DETERMINERS | {"whole", "entire", "same", "other", "new", "own", "all", "full"}


def _first_of_run(view: TokenView, i: int, label: str) -> int:
    """Return the first token of the run of `label` words that ends at token i."""
    while i > 0 and label in view.covers.get(i - 1, ()):
        i -= 1
    return i


def _named_teams(view: TokenView) -> list[Role]:
    """Find a team named by what it does as the goal's subject: "The sepsis team will ...", "Grants team: ...".

    The team vocabulary cannot list every function; a word before "team" that is not a determiner or a
    general adjective names one, when the team opens the goal or a clause and the verb or a colon follows.
    """
    found = []
    for team in view.hits.get("team_noun", ()):
        i = team.start - 1
        if i < 0 or _next(view, team.end) not in _SUBJECT_NEXT or view.lower[team.start] not in _TEAM_WORDS:
            continue
        word = view.lower[i]
        if not word.isalpha() or word in _NOT_A_TEAM_NAME or "team_function" in view.covers.get(i, ()):
            continue  # the team vocabulary's own functions are found above
        first = i  # "Patient support hub team": up to three more words name it
        while first > 0 and i - first < 3 and _team_word(view.lower[first - 1]):
            first -= 1
        before = view.lower[first - 1] if first > 0 else ""
        if first == 0 or before in BOUNDARY or before in _TEAM_DETERMINERS:
            span = view.span(first, team.end)
            found.append(_trusted_role(name=span.text.lower(), kind="team", level=None, span=span))
    return found


def _team_word(word: str) -> bool:
    return word.isalpha() and word not in _NOT_A_TEAM_NAME


def _group_before(view: TokenView, i: int) -> str | None:
    """Return what makes a group of people specific right before them, or None.

    "AP students", "Pell-eligible students", "nursing students" are specific; "the students",
    "support students" and "our students" are not.
    """
    j = i - 1
    if j < 0:
        return None
    word = view.text[view.starts_at[j] : view.ends_at[j]]
    if j > 0 and view.lower[j - 1] == "-" and word.isalpha():
        return view.text[view.starts_at[j - 2] : view.ends_at[j]].lower() if j > 1 else word.lower()
    if len(word) >= 2 and word.isupper() and word.isalpha():
        return word.lower()  # an acronym: "AP students", "ELL learners"
    labels = view.covers.get(j, set())
    if "team_function" in labels and labels.isdisjoint(_VERB_LABELS):
        return view.lower[j]  # a field: "nursing students", "pharmacy residents" (not "support students")
    return None


def _level_before(view: TokenView, i: int) -> str | None:
    for j in view.window_before(i, 3):
        if "level" in view.covers[j]:
            return view.lower[j]
    return None


_DISTRIBUTIVE = frozenset({"each", "every", "all"})
_OBJECT_LEADS = frozenset({"with", "through", "via", "from", "by", "among", "against"})


def _role_is_object(view: TokenView, hit: Hit, *, team: bool = False) -> bool:
    """Tell a role the goal acts on ("hire 3 nurses", "talk with pharmacy directors") from its owner."""
    if _hyphen_after(view, hit) or (not team and _modifies_next(view, hit)):
        return True  # "nurse-led", "sales-facing"; a spaced dash ("store mgrs - reduce shrink") ends a label
    if (
        not team
        and not view.covers[hit.start].isdisjoint(_RESULT_LABELS)
        and any(
            o.start <= hit.start and hit.end <= o.end and o.end - o.start > hit.end - hit.start
            for label in ("outcome", "metric")
            for o in view.hits.get(label, ())
        )
    ):
        return True  # part of a longer result phrase, e.g. an outcome that contains a role word
    before = view.window_before(hit.start, 6)
    words = view.lower[before.start : before.stop]
    near = words[-3:]
    if not _DISTRIBUTIVE.isdisjoint(near):
        return False  # "with each manager developing ..." distributes the goal over its owners
    if _next(view, hit.end).endswith("ing"):
        return False  # "with KAMs running quarterly reviews": the role does the work
    if not _OBJECT_LEADS.isdisjoint(near) and not _dated_by(near):
        return True
    if "with" in words and "and" in near:
        return True  # "with my manager and the medical team"
    # The five words before the role: the six-word window above without its first word, where it has six.
    return view.any_label(range(max(before.start, hit.start - 5), hit.start), _HIRE_VERB)


def _dated_by(near: list[str]) -> bool:
    """Tell whether the only object lead in `near` is a "by" that opens a date ("By 6/30/26 the reps will ...")."""
    if "by" not in near or not _OBJECT_LEADS.isdisjoint(w for w in near if w != "by"):
        return False
    after = near[near.index("by") + 1 : near.index("by") + 2]
    return bool(after) and _is_date_word(after[0])


def _hyphen_after(view: TokenView, hit: Hit) -> bool:
    """Tell whether a hyphen is joined to the hit ("nurse-led"); a spaced dash ("store mgrs - cut shrink") is not."""
    return _next(view, hit.end) == "-" and view.starts_at[hit.end] == hit.char_end


_CONJUNCTIONS = frozenset({"and", "or", "&", ","})


def _joined_to(view: TokenView, hit: Hit, ends: list[int]) -> bool:
    """Tell whether a role is joined by "and"/"or" to a role that ends at one of `ends`.

    "Hire 12 ICU nurses and 4 respiratory therapists": the therapists are hired too, though the verb is out of
    the window `_role_is_object` reads. Between the two: a conjunction, then at most three numbers or words
    that only modify a role and open no new noun phrase ("4", "respiratory", "senior"; not "our", not a verb).
    """
    for end in ends:
        gap = range(end, hit.start)
        if not 1 <= len(gap) <= 4 or view.lower[end] not in _CONJUNCTIONS:
            continue
        if all(view.is_number(i) or _bare_word(view, i) for i in gap[1:]):
            return True
    return False


_ROLE_MODIFIERS = frozenset({"team_function", "level"})


def _bare_word(view: TokenView, i: int) -> bool:
    # A modifier inside a noun phrase ("respiratory", "clinical", "senior"): no verb or other category, and not a
    # determiner, which opens a new phrase ("our").
    word = view.lower[i]
    if not word.isalpha() or word in _TEAM_DETERMINERS or word in _CONJUNCTIONS:
        return False
    return view.covers.get(i, _ROLE_MODIFIERS) <= _ROLE_MODIFIERS


# ---- vague language ------------------------------------------------------------------------------

_CATEGORY = {
    "weak_verb": "weak-verb",
    "quantifier": "quantifier",
    "comparative": "comparative",
    "adverb": "adverb",
    "adjective": "adjective",
    "superlative": "superlative",
    "loophole": "loophole",
    "temporal": "temporal",
}
_VAGUE_LABELS = frozenset(_CATEGORY)


def vague_terms(view: TokenView, *, has_target: bool, has_metric: bool) -> list[VagueTerm]:
    """Return the vague words and phrases that carry the goal's meaning."""
    found: list[VagueTerm] = []
    if not _VAGUE_LABELS.isdisjoint(view.hits):  # one C-level test: most goals have no vague-vocabulary hit
        for label, category in _CATEGORY.items():  # in this order: it decides between two categories of one span
            for h in view.hits.get(label, ()):
                cat = _judge(view, h, category, has_target=has_target)
                if cat:
                    found.append(_trusted_vague_term(category=cat, span=_span(view, h)))
    found += _weak_constructions(view, has_target=has_target, has_metric=has_metric)
    if not found:
        return found
    accepted = view.hits.get("accept", ())  # the organization's own terms are never vague
    if accepted:
        found = [t for t in found if not any(a.char_start < t.span.end and t.span.start < a.char_end for a in accepted)]
    if len(found) < 2:
        return found  # nothing to order or overlap (most goals with a vague term have one)
    kept: list[VagueTerm] = []
    for term in sorted(found, key=lambda v: (v.span.start, -(v.span.end - v.span.start))):
        if not kept or term.span.start >= kept[-1].span.end:
            kept.append(term)  # "best practices" wins over "best"
    return kept


def _judge(view: TokenView, h: Hit, category: str, *, has_target: bool) -> str | None:
    """Decide whether a vague-vocabulary hit is vague here, and in which category."""
    nxt = _next(view, h.end)
    prev = view.lower[h.start - 1] if h.start > 0 else ""
    if category == "weak-verb":
        return _judge_weak_verb(view, h, has_target=has_target)
    if category in {"comparative", "adjective", "quantifier"}:
        # "more than 30 days", "5 or fewer errors", "10 more calls", "80% or higher" have a reference point.
        if (nxt in {"than", "of"} and category == "comparative") or prev in {"or", "no"} or view.is_number(h.start - 1):
            return None
        if view.is_number(h.end):
            return None
    if category == "superlative" and (view.is_number(h.end) or nxt == "than"):
        return None
    if category == "loophole" and view.lower[h.end - 1] == "more" and nxt.isalpha() and nxt not in _PREPOSITIONS:
        return None  # "and more time on strategy" compares; "..., and more." leaves the list open
    return category


def _judge_weak_verb(view: TokenView, h: Hit, *, has_target: bool) -> str | None:
    word = view.lower[h.start]
    prev = view.lower[h.start - 1] if h.start > 0 else ""
    nxt = _next(view, h.end)
    if word.endswith("ed") and prev not in _SUBJECT_PRONOUNS_OR_AUX:
        # "improved processes" is a vague adjective whatever the target; "focused on X" describes.
        return "adjective" if nxt.isalpha() and nxt not in _PREPOSITIONS else None
    if word in {"support", "supports", "align", "help"} and prev == "to":
        return None  # "to support market access": a purpose, the strategic link
    near = view.window_after(h.end, 4)
    if _in_purpose(view, h.start) and view.any_label(near, _RESULT_LABELS):
        return None  # "..., to improve patient safety", "to support improving customer engagement": the why
    after = view.window_after(h.end, 6)
    if view.any_label(after, _METRIC) and (has_target or view.any_label(after, _MEASURE_NOUN)):
        return None  # "improve the call connection rate": the object is a measure
    if view.any_label(near, _ABSTRACT_NOUN):
        return "weak-verb"  # "improve team's ability ...": vague even when a measure follows
    # "improve patient safety" names an outcome but nothing to measure it by: with no target, the verb
    # says no more than "better".
    return None if has_target else "weak-verb"


_PURPOSE_LEADS = {("to", "support"), ("to", "help"), ("in", "order"), ("so", "as")}


def _in_purpose(view: TokenView, i: int) -> bool:
    """Tell a verb that opens a purpose clause after the goal's own ("..., to improve X", "to support improving X")."""
    lower = view.lower
    if i >= 2 and (lower[i - 2], lower[i - 1]) in _PURPOSE_LEADS:
        return True
    if i >= 3 and lower[i - 1] == "to" and (lower[i - 3], lower[i - 2]) in _PURPOSE_LEADS:
        return True  # "in order to improve"
    return i >= 2 and lower[i - 1] == "to" and lower[i - 2] == ","


def _weak_constructions(view: TokenView, *, has_target: bool, has_metric: bool) -> list[VagueTerm]:
    """Find "develop capability"-style verbs with abstract objects, and "increase" with nothing measurable."""
    found = []
    for h in view.hits.get("build_verb", ()):
        after = view.window_after(h.end, 5)
        if view.any_label(after, _ABSTRACT_NOUN) and not view.any_label(after, _NOT_ABSTRACT):
            found.append(_trusted_vague_term(category="weak-verb", span=_span(view, h)))
    if not has_metric and not has_target:
        for h in (*view.hits.get("direction_up", ()), *view.hits.get("direction_better", ())):
            if view.lower[h.start] not in {"more", "add", "gain"}:
                found.append(_trusted_vague_term(category="weak-verb", span=_span(view, h)))
    return found
