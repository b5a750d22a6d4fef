"""Read suppression comments: `goalcheck: ignore[CODE,...]`, `disable[...]`, `enable[...]`, `file-ignore`.

The same directive is written as an HTML comment in Markdown (`<!-- goalcheck: ignore[CL01] -->`), after
`#` in YAML, and on its own line (after any comment punctuation: `#`, `//`, `%`, `--`) in plain text.
Selectors are rule codes, code prefixes or names, separated by commas or spaces; anything after the
closing bracket is a free-text reason.
"""

from __future__ import annotations

import re

from .models import Directive

DIRECTIVE = re.compile(
    r"goalcheck:\s*(?P<action>file-ignore|ignore|disable|enable)\b\s*(?:\[(?P<selectors>[^\]]*)\])?",
    re.IGNORECASE,
)
HTML_COMMENT = re.compile(r"<!--(?P<body>.*?)-->", re.DOTALL)
# A comment that is a whole line of its own in YAML or plain text.
OWN_LINE = re.compile(r"^[ \t]*(?:#+|//|%|--|;)?[ \t]*(?=goalcheck:)", re.IGNORECASE | re.MULTILINE)
# A trailing `# goalcheck: ...` after a goal on the same line.
TRAILING = re.compile(r"[ \t]+#[ \t]*(?=goalcheck:)", re.IGNORECASE)


def parse_directive(body: str, start: int, end: int, text: str, target: int | None = None) -> Directive | None:
    """Return the directive in a comment body, or None when the comment is not one."""
    match = DIRECTIVE.search(body)
    if not match:
        return None
    raw = match.group("selectors")
    selectors = tuple(s for s in re.split(r"[\s,]+", raw or "") if s)
    return Directive(
        action=match.group("action").lower(),
        selectors=selectors,  # type: ignore[arg-type]
        start=start,
        end=end,
        text=text.strip(),
        target=target,
    )


def html_directives(source: str, start: int, end: int, target: int | None = None) -> list[Directive]:
    """Return the directives in the HTML comments of source[start:end]."""
    found = []
    for match in HTML_COMMENT.finditer(source, start, end):
        directive = parse_directive(match.group("body"), match.start(), match.end(), match.group(0), target)
        if directive is not None:
            found.append(directive)
    return found


def line_directive(line: str, offset: int) -> Directive | None:
    """Return the directive of a line that holds nothing but a comment, or None."""
    match = OWN_LINE.match(line)
    if not match:
        return None
    stripped = line.rstrip()
    return parse_directive(line[match.end() :], offset + match.start(), offset + len(stripped), stripped)


def trailing_directive(line: str, offset: int, target: int | None) -> tuple[int, Directive] | None:
    """Return (cut, directive) for a trailing `# goalcheck: ...` comment; `cut` is where the goal ends."""
    match = TRAILING.search(line)
    if not match:
        return None
    stripped = line.rstrip()
    directive = parse_directive(
        line[match.end() :], offset + match.start(), offset + len(stripped), stripped[match.start() :], target
    )
    return (match.start(), directive) if directive is not None else None
