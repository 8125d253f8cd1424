"""Split a document into the six canonical sections and find sub-headings inside them.

A line counts as a top-level heading only when its numeral is the next one in sequence and its
text matches that section's canonical title (or a known variant). Reports that reuse 一、二、
for sub-headings inside 总体情况, and table rows such as 四、结转下年度继续办理, stay inside
their section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .readers import Document, Line
from .template import SECTION_BY_NUM, SECTION_NUMERALS

_HEAD = re.compile(r"^\s*#{0,6}\s*([一二三四五六])\s*[、.．,，]\s*(.{2,40}?)\s*$")


@dataclass
class Section:
    num: int  # 0 = preamble before 一、
    title: str  # as printed (normalised)
    start: int  # index of the first line in Document.lines (the heading itself)
    end: int  # exclusive
    lines: list[Line] = field(default_factory=list)

    @property
    def body(self) -> list[Line]:
        return self.lines[1:] if self.num else self.lines

    @property
    def pages(self) -> tuple[int | None, int | None]:
        pages = [ln.page for ln in self.lines if ln.page is not None]
        return (min(pages), max(pages)) if pages else (None, None)


def heading_num(text: str, expected_after: int) -> int | None:
    m = _HEAD.match(text)
    if not m:
        return None
    num = SECTION_NUMERALS.index(m.group(1)) + 1
    if num <= expected_after:
        return None
    spec = SECTION_BY_NUM[num]
    return num if spec.pattern.search(re.sub(r"\s+", "", m.group(2))) else None


def split_sections(doc: Document) -> list[Section]:
    lines = doc.lines
    starts: list[tuple[int, int]] = []  # (num, line index)
    last = 0
    for i, ln in enumerate(lines):
        num = heading_num(ln.text, last)
        if num is not None:
            starts.append((num, i))
            last = num
    sections: list[Section] = []
    first = starts[0][1] if starts else len(lines)
    if first > 0:
        sections.append(Section(0, "前言", 0, first, lines[:first]))
    for k, (num, i) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(lines)
        title = re.sub(r"\s+", "", lines[i].text).lstrip("#")
        sections.append(Section(num, title, i, end, lines[i:end]))
    return sections


# --- sub-headings -----------------------------------------------------------------------

_SUB_PATTERNS = (
    (1, re.compile(r"^\s*#{0,6}\s*[（(]([一二三四五六七八九十]+)[)）]")),
    (1, re.compile(r"^\s*#{1,6}\s*\S")),  # a markdown heading with no numeral
    (1, re.compile(r"^\s*([一二三四五六七八九十]+)、")),  # reused top-level numerals
    (2, re.compile(r"^\s*(\d{1,2})\s*[.、．](?!\d)")),
    (3, re.compile(r"^\s*([一二三四五六七八九十]+)是")),
)


def subheading(text: str) -> tuple[int, str] | None:
    """(level, heading text) when a line opens a sub-section; the text is the line if short,
    otherwise its first clause (for 一是… paragraphs)."""
    for level, pat in _SUB_PATTERNS:
        if pat.match(text):
            t = text.strip().lstrip("#").strip()
            if len(t) > 40:
                cut = re.split(r"[。；;：:]", t, maxsplit=1)[0]
                t = cut if len(cut) <= 40 else cut[:40]
            return level, t
    return None
