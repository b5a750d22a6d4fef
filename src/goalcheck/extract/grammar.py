"""Compile a pack's grammar (time idioms, cadences, quantities) into regular expressions, once."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from goalcheck.rulebook.spec import DeadlineContext, Grammar

from .backwards import EndSearch
from .regexscan import WordGates, WordScan, cues, skips, word_gates

T = TypeVar("T")

# The value kinds `quantities.find_values` scans behind a gate (`quantities._scan`).
VALUE_SCANS = ("scale", "money", "percent", "multiplier", "rank")

_FRAGMENT = re.compile(r"{(\w+)}")
_BOUNDARY = re.compile(r"(?<!\\)\\b")
_CASED = re.compile(r"(\\.|\(\?P)|([A-Z])")


def lower_pattern(pattern: str) -> str:
    r"""Lower-case a regular expression's literals, leaving escapes (\\D, \\S) and `(?P` alone.

    Extraction matches lower-cased text with case-sensitive patterns: Python's `re` runs about twice
    as fast without IGNORECASE.
    """
    return _CASED.sub(lambda m: m.group(1) or m.group(2).lower(), pattern)


def lower_text(text: str) -> str:
    """Lower-case text without changing its length, so offsets stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def expand(pattern: str, fragments: Mapping[str, str]) -> str:
    """Splice `{name}` fragments into a pattern (fragments may use earlier fragments)."""
    for _ in range(3):
        if not _FRAGMENT.search(pattern):
            break
        pattern = _FRAGMENT.sub(lambda m: fragments[m.group(1)] if m.group(1) in fragments else m.group(0), pattern)
    return pattern


@dataclass(frozen=True, eq=False)
class TimeRegex:
    """One compiled time idiom (compared and hashed by identity: a cache key on every match)."""

    id: str
    resolver: str
    needs: re.Pattern[str] | None
    regex: re.Pattern[str]
    self_evident: bool
    gate: int = -1  # index of its `needs` in CompiledGrammar.time_gates; -1: always tried
    scan: WordScan = field(init=False, repr=False)  # finds what `regex.finditer` finds, faster

    def __post_init__(self) -> None:
        object.__setattr__(self, "scan", WordScan(self.regex))


class GatePlan(Generic[T]):
    """Tell, from the word tests a goal fired, which gated items to try and which gates are left to search.

    Each item (an idiom, a cadence) sits behind a gate with a mask of bits in `WordGates.fired`: a bit that
    decides the gate, or bits that rule it out when one is missing (else the gate is searched), or none.
    Which items remain depends only on the fired bits, so the answer is worked out once per distinct mask
    and looked up afterwards, instead of walking every gate and item per goal. The memo is keyed on bits,
    never on text, and bounded.
    """

    _MAX_MASKS = 4096

    def __init__(self, gated: list[tuple[int, bool, re.Pattern[str] | None, T]]) -> None:
        """`gated`: for each item in order, (its gate's mask, whether the mask decides, the gate, the item)."""
        self._gated = gated
        self._mask = 0
        for mask, _decides, _gate, _item in gated:
            self._mask |= mask
        self._plans: dict[int, tuple[tuple[re.Pattern[str] | None, tuple[T, ...]], ...]] = {}

    def __call__(self, fired: int) -> tuple[tuple[re.Pattern[str] | None, tuple[T, ...]], ...]:
        """Return groups of items, each with the gate to search first (None: nothing to search), in order."""
        key = fired & self._mask
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) >= self._MAX_MASKS:
                self._plans.clear()
            plan = self._plans[key] = self._plan(key)
        return plan

    def _plan(self, fired: int) -> tuple[tuple[re.Pattern[str] | None, tuple[T, ...]], ...]:
        # Neighbours behind the same search share a group; the items keep their order (cadences claim text
        # in that order).
        groups: list[tuple[re.Pattern[str] | None, list[T]]] = []
        for mask, decides, gate, item in self._gated:
            if fired & mask != mask:
                continue  # no word of the goal has what the gate needs
            search = None if decides or gate is None else gate
            if not groups or groups[-1][0] is not search:
                groups.append((search, []))
            groups[-1][1].append(item)
        return tuple((gate, tuple(items)) for gate, items in groups)


@dataclass(frozen=True)
class DeadlineCues:
    """grammar.yaml `deadline_context`, compiled: what `time._resolve` reads around a time expression."""

    spoken_end: re.Pattern[str]
    baseline_label: re.Pattern[str]
    age_after: re.Pattern[str]
    due_before: WordScan
    bound_target: re.Pattern[str]
    measured_at: re.Pattern[str]
    aside: re.Pattern[str]
    baseline_before: re.Pattern[str]
    due_word_before: re.Pattern[str]
    season_edge: re.Pattern[str]
    attributive_before: WordScan
    attributive_after: re.Pattern[str]
    occasions: frozenset[str]


@dataclass(frozen=True)
class CompiledGrammar:
    """Every regular expression extraction needs, compiled once per rule book."""

    time: tuple[TimeRegex, ...]
    time_gates: tuple[re.Pattern[str], ...]  # the distinct `needs` of the time idioms, each searched once a goal
    trigger_scan: EndSearch  # trigger_before, to search with (it ends with `$`)
    not_deadline_scan: EndSearch  # not_deadline_after (each alternative ends with `$`), to search with
    word_gates: WordGates  # what the time, cadence and value gates need to know, word by word
    # The gates word_gates tests: time gates and cadence gates with \b, then the value gates of VALUE_SCANS
    word_needs: tuple[re.Pattern[str] | None, ...]
    time_plan: GatePlan[tuple[int, TimeRegex]]  # the time idioms to scan, with their order in `time`
    cadence_plan: GatePlan[WordScan]  # the cadences to scan
    trigger_before: re.Pattern[str]
    not_deadline_after: re.Pattern[str]
    service_standard: re.Pattern[str]
    deadline: DeadlineCues
    cadence: tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...]
    money: re.Pattern[str]
    percent: re.Pattern[str]
    scale: re.Pattern[str]
    multiplier: re.Pattern[str]
    rank: re.Pattern[str]
    totality: re.Pattern[str]
    number: re.Pattern[str]
    number_scan: WordScan  # finds what `number.finditer` finds, ~3x quicker
    # The mask in `word_gates.fired` of number_scan.words (the number words): when the goal's words lack a bit of it,
    # no number word is in the goal and the scan skips the words (`spans(low, letters=False)`). 0: not known.
    number_words: int
    comparator: re.Pattern[str]
    comparator_scan: EndSearch  # the patterns that end with `$`, searched from the end of the text
    baseline_cue: re.Pattern[str]
    baseline_cue_scan: EndSearch
    baseline_gate: re.Pattern[str]  # baseline_cue without its \b: true whenever the cue is, and ~10x quicker
    label_before: re.Pattern[str]
    label_before_scan: EndSearch
    label_after: re.Pattern[str]
    scope_before_scan: EndSearch | None  # None: the grammar names no scope words
    value_needs: dict[str, re.Pattern[str]]
    # For each value gate `re` cannot skip through (scale's `\d\s*/\s*\d`): strings one of which each of its
    # matches contains. `in` finds them in C, so most goals are turned away before the gate is tried.
    value_cues: dict[str, tuple[str, ...]]
    # For each value gate of VALUE_SCANS, its mask in `word_gates.fired` and whether the mask decides the gate.
    value_words: dict[str, tuple[int, bool]]


def compile_grammar(grammar: Grammar) -> CompiledGrammar:
    """Compile a validated Grammar."""
    frag = grammar.fragments

    def rx(pattern: str) -> re.Pattern[str]:
        return re.compile(lower_pattern(expand(pattern, frag)))

    def gate(pattern: str) -> re.Pattern[str]:
        # A gate only has to be true whenever its pattern can match. Without its \b it stays true in every
        # such case, and `re` can skip ahead to a first letter: 5-10x quicker on a goal.
        return rx(_BOUNDARY.sub("", pattern))

    q = grammar.quantity
    number = rx(q.number)
    number_scan = WordScan(number, alternatives=True)
    gates: dict[str, int] = {}
    for t in grammar.time:
        if t.needs:
            gates.setdefault(t.needs, len(gates))
    trigger_before = rx(r"\b" + grammar.deadline_triggers + r"\s+(?:the\s+|a\s+|an\s+)?$")
    not_deadline_after = rx(grammar.not_deadline_after)
    time_gates = [gate(needs) for needs in gates]
    cadence_gates = [gate(c.needs) if c.needs else None for c in grammar.cadence]
    cadence_regexes = [rx(c.regex) for c in grammar.cadence]
    # Word by word, a gate keeps its \b: "may" in "mayor" or "day" in "today" then fires nothing. The sharp
    # gate is as necessary as the loose one (it is the `needs` as written); on the bench mix it turns away
    # 38 % of the goals that reached the month idioms and 19 % of those that reached "period-named".
    value_needs = {name: gate(pattern) for name, pattern in q.needs.items()}
    # The value gates as they are searched (without \b), so a bit that decides one agrees with that search.
    # One split of the goal then answers the time, cadence and value gates: most goals have no money, no
    # scale, no rank, and skip those searches (~0.5-1 us each).
    value_scans = [kind for kind in VALUE_SCANS if kind in value_needs]
    word_needs = (
        [rx(needs) for needs in gates]
        + [rx(c.needs) if c.needs else None for c in grammar.cadence]
        + [value_needs[kind] for kind in value_scans]
        + [number_scan.words]
    )
    gates_by_word, bits = word_gates(word_needs)
    comparator, baseline_cue, label_before = rx(q.comparator), rx(q.baseline_cue), rx(q.label_before)
    value_cues = {name: cues(needs) for name, needs in value_needs.items() if not skips(needs)}
    time = tuple(
        TimeRegex(
            t.id,
            t.resolver,
            gate(t.needs) if t.needs else None,
            rx(t.regex),
            t.id in grammar.self_evident,
            gates[t.needs] if t.needs else -1,
        )
        for t in grammar.time
    )
    time_bits, cadence_bits = bits[: len(time_gates)], bits[len(time_gates) : len(time_gates) + len(cadence_gates)]
    value_bits = bits[len(time_gates) + len(cadence_gates) : -1]
    time_gated = [
        (*time_bits[tr.gate], time_gates[tr.gate], (order, tr)) if tr.gate >= 0 else (0, False, None, (order, tr))
        for order, tr in enumerate(time)
    ]
    cadence_gated = [
        (*bit, needs, WordScan(regex))
        for bit, needs, regex in zip(cadence_bits, cadence_gates, cadence_regexes, strict=True)
    ]
    return CompiledGrammar(
        time=time,
        time_gates=tuple(time_gates),
        trigger_scan=EndSearch(trigger_before),
        not_deadline_scan=EndSearch(not_deadline_after),
        word_gates=gates_by_word,
        word_needs=tuple(word_needs),
        time_plan=GatePlan(time_gated),
        cadence_plan=GatePlan(cadence_gated),
        trigger_before=trigger_before,
        not_deadline_after=not_deadline_after,
        service_standard=rx(grammar.service_standard),
        deadline=_deadline_cues(grammar.deadline_context, rx),
        cadence=tuple(zip(cadence_gates, cadence_regexes, strict=True)),
        money=rx(q.money),
        percent=rx(q.percent),
        scale=rx(q.scale),
        multiplier=rx(q.multiplier),
        rank=rx(q.rank),
        totality=rx(q.totality),
        number=number,
        number_scan=number_scan,
        number_words=bits[-1][0],
        comparator=comparator,
        comparator_scan=EndSearch(comparator),
        baseline_cue=baseline_cue,
        baseline_cue_scan=EndSearch(baseline_cue),
        baseline_gate=gate(q.baseline_cue),
        label_before=label_before,
        label_before_scan=EndSearch(label_before),
        label_after=rx(q.label_after),
        scope_before_scan=EndSearch(rx(q.scope_before)) if q.scope_before else None,
        value_needs=value_needs,
        value_cues={name: found for name, found in value_cues.items() if found},
        value_words=dict(zip(value_scans, value_bits, strict=True)),
    )


def _deadline_cues(context: DeadlineContext, rx: Callable[[str], re.Pattern[str]]) -> DeadlineCues:
    patterns = {name: rx(pattern) for name, pattern in context.model_dump(exclude={"occasions"}).items()}
    # The two that end with `$` and open with \b are searched only where a word starts (WordScan).
    patterns["due_before"] = WordScan(patterns["due_before"])
    patterns["attributive_before"] = WordScan(patterns["attributive_before"])
    return DeadlineCues(**patterns, occasions=frozenset(context.occasions))
