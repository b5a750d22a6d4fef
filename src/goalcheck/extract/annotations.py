"""Where the goalcheck pipeline keeps its annotations on a Doc, read and written without `doc._`.

A Doc extension registered with only a default (no getter, setter or method) stores its value in
`doc.user_data` under `("._.", name, None, None)`: that is all `doc._.name = value` does, after building
an accessor object and looking the extension up (about 1 µs an access). The pipeline writes and
extraction reads these keys directly; `doc._.goalcheck_hits` and the others read the very same entries.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

HITS = "goalcheck_hits"
TIME = "goalcheck_time"
CADENCES = "goalcheck_cadences"
EXTENSIONS = (TIME, CADENCES, HITS)


def key(name: str) -> tuple[str, str, None, None]:
    """Return the `doc.user_data` key of the Doc extension `name` (spaCy's Underscore key for a whole Doc)."""
    return ("._.", name, None, None)


HITS_KEY = key(HITS)
TIME_KEY = key(TIME)
CADENCES_KEY = key(CADENCES)
# The text the tokenizer was given (the pipeline's tokenizer records it): `doc.text` joins the tokens again.
TEXT_KEY = "goalcheck_text"
# What the time tagger's word gates found: (the WordGates, the text, the lowered text, its `fired` mask).
# Extraction reuses the lowered text, and the mask for the value gates, when the gates and the text are the ones
# it has.
WORD_GATES_KEY = "goalcheck_word_gates"


def doc_text(doc: Doc) -> str:
    """Return the Doc's text: the one the tokenizer recorded, else `doc.text` (a Doc made elsewhere)."""
    text: Any = doc.user_data.get(TEXT_KEY)
    return doc.text if text is None else text
