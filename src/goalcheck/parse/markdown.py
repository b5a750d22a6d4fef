"""Read goals from Markdown: list items, table rows and short paragraphs under headings.

markdown-it-py gives every block its source lines; the text of a block is rebuilt from its inline
tokens and aligned to the source (see `positions`), so markup never shifts a column. Front matter
(mdit-py-plugins) gives the document's context; HTML comments carry suppression directives.
Code blocks, raw HTML and link-only items are never goals. `records` turns the blocks into goals.
"""

from __future__ import annotations

from functools import lru_cache

from .context import read_context
from .directives import html_directives
from .labels import field_of, split_label
from .models import Anchor, Directive, DocContext, Document
from .positions import LineIndex, TextBuilder
from .records import Block, Section, assemble
from .yamlsupport import load_yaml, node_line


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)


class _Walker:
    """Walk the token stream once, collecting sections, blocks and directives."""

    def __init__(self, source: str, path: str) -> None:
        self.source = source
        self.path = path
        self.index = LineIndex(source)
        self.sections: list[Section] = []
        self.blocks: list[Block] = []
        self.directives: list[Directive] = []
        self.context = DocContext()
        self.items: list[int | None] = []  # open list items: the block index of their first paragraph
        self.table: list[str | None] | None = None

    def region(self, token) -> tuple[int, int]:
        first, last = token.map
        return self.index.line_start(first), self.index.line_start(last)

    def text_of(self, inline, start: int, limit: int) -> tuple[TextBuilder, list[Directive], bool]:
        """Rebuild an inline token's text; return it, its inline directives and whether it is only a link."""
        builder = TextBuilder(self.source, start, limit)
        directives: list[Directive] = []
        depth, outside_link = 0, False
        for child in inline.children or ():
            kind = child.type
            if kind in {"text", "code_inline"}:
                builder.add(child.content)
                outside_link |= depth == 0 and bool(child.content.strip())
            elif kind in {"softbreak", "hardbreak"}:
                builder.add_unmapped(" ")
            elif kind == "html_inline":
                at = self.source.find(child.content, builder.cursor, limit)
                if at >= 0:
                    directives += html_directives(self.source, at, at + len(child.content))
                builder.skip(child.content)
            elif kind == "link_open":
                depth += 1
            elif kind == "link_close":
                depth -= 1
        return builder, directives, not outside_link

    def walk(self, tokens: list) -> None:
        """Visit every token."""
        i = 0
        while i < len(tokens):
            token = tokens[i]
            handler = getattr(self, "on_" + token.type, None)
            if handler is not None:
                i = handler(tokens, i) or i
            i += 1

    def on_front_matter(self, tokens: list, i: int) -> None:
        token = tokens[i]
        first = token.map[0] + 2  # the line after the opening ---
        loaded = load_yaml(token.content, self.path, first)
        if isinstance(loaded.data, dict):
            self.context = read_context(loaded.data, self.path, lambda key: node_line(loaded.node, [key], first))

    def on_heading_open(self, tokens: list, i: int) -> int:
        token, inline = tokens[i], tokens[i + 1]
        start, limit = self.region(token)
        builder, directives, _ = self.text_of(inline, start, limit)
        self.directives += directives
        text = builder.build().strip().text
        level = int(token.tag[1])
        parent = len(self.sections) - 1
        while parent >= 0 and self.sections[parent].level >= level:
            parent = self.sections[parent].parent
        self.sections.append(
            Section(
                level=level,
                text=text,
                field=field_of(text),
                parent=parent,
                anchor=Anchor(start=start, end=start + len(self.index.line_text(token.map[0] + 1))),
            )
        )
        return i + 2

    def on_html_block(self, tokens: list, i: int) -> None:
        start, limit = self.region(tokens[i])
        self.directives += html_directives(self.source, start, limit)

    def on_list_item_open(self, tokens: list, i: int) -> None:
        self.items.append(None)

    def on_list_item_close(self, tokens: list, i: int) -> None:
        self.items.pop()

    def on_paragraph_open(self, tokens: list, i: int) -> int:
        inline = tokens[i + 1]
        if self.items and self.items[-1] is not None:
            return i + 1  # a later paragraph of a list item: the first one holds the goal
        parent = next((b for b in reversed(self.items[:-1]) if b is not None), None) if self.items else None
        kind = "item" if self.items else "paragraph"
        block = self.add_block(inline, kind, parent)
        if self.items:
            self.items[-1] = block
        return i + 1

    def add_block(
        self,
        inline,
        kind: str,
        parent: int | None,
        start: int | None = None,
        row_fields: tuple[str | None, ...] | None = None,
    ) -> int:
        """Turn one inline token into a Block and return its index."""
        region_start, limit = self.region(inline)
        builder, directives, link_only = self.text_of(inline, region_start if start is None else start, limit)
        full = builder.build()
        labeled = split_label(full)
        text = labeled.rest
        lo, hi = text.doc_span(0, len(text.text)) if text.text else (builder.cursor, builder.cursor)
        label = None
        if labeled.label_span is not None:
            label = Anchor(start=labeled.label_span[0], end=labeled.label_span[1])
            lo, hi = label.start, max(hi, label.end)
        self.blocks.append(
            Block(
                kind=kind,
                text=text,
                label=labeled.label,
                field=labeled.field,
                metadata=labeled.is_metadata or link_only,
                section=len(self.sections) - 1,
                anchor=Anchor(start=lo, end=hi),
                label_anchor=label,
                parent=parent,
                directives=tuple(directives),
                cursor=builder.cursor,
                full=full.strip() if labeled.label is not None else None,
            )
        )
        return len(self.blocks) - 1

    def on_table_open(self, tokens: list, i: int) -> int:
        """Read a table whose header names a goal column; every row is then a goal."""
        j, header, rows = i, [], []
        while tokens[j].type != "table_close":
            if tokens[j].type == "tr_open":
                rows.append([])
            elif tokens[j].type == "inline":
                rows[-1].append(tokens[j])
            j += 1
        if rows:
            header = [field_of(self.text_of(c, *self.region(c))[0].build().text) for c in rows[0]]
        if "objective" in header:
            for row in rows[1:]:
                self.add_row(row, header)
        return j

    def add_row(self, cells: list, header: list[str | None]) -> None:
        """Add a table row: the goal column's cell, with the other documented columns as fields."""
        start = self.region(cells[0])[0]
        filled = []
        goal_block = None
        for cell, field in zip(cells, header, strict=False):
            index = self.add_block(cell, "row", None, start=start)
            block = self.blocks[index]
            start = block.cursor
            if field == "objective" and goal_block is None:
                goal_block = index
            elif field is not None and block.text.text:
                filled.append(field)
            if index != goal_block:
                self.blocks.pop()
        if goal_block is not None:
            row = self.blocks[goal_block]
            self.blocks[goal_block] = row.model_copy(update={"row_fields": tuple(filled)})


def parse_markdown(source: str, path: str) -> Document:
    """Parse a Markdown goal document."""
    walker = _Walker(source, path)
    walker.walk(_parser().parse(source))
    goals = assemble(walker.blocks, walker.sections)
    review = walker.context.review or goals.review
    return Document(
        path=path,
        kind="markdown",
        source=source,
        goals=goals.records,
        directives=tuple(sorted([*walker.directives, *goals.directives], key=lambda d: d.start)),
        context=walker.context.model_copy(update={"review": review}),
    )
