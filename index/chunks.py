"""Narrative sections into retrieval chunks: section-aware and sentence-aware.

A chunk never crosses a section or sub-heading boundary, and never cuts a sentence unless the
sentence alone is longer than the hard limit. Chunk ids are `report:section:ordinal`, so
re-ingesting a file rewrites the same ids instead of adding new ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .readers import Line
from .sections import Section, subheading
from .template import section_label

NARRATIVE_SECTIONS = (0, 1, 5, 6)
_PAGE_FOOTER = re.compile(r"^\s*[-—–]?\s*\d{1,3}\s*[-—–]?\s*$")
_SENT_END = re.compile(r"(?<=[。！？；!?;])")


@dataclass
class Chunk:
    chunk_id: str
    section_num: int
    section: str
    subheadings: list[str]
    page: int | None
    line_start: int | None
    text: str


def _join(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def _sentences(text: str, hard_max: int) -> list[str]:
    out = []
    for s in _SENT_END.split(text):
        while len(s) > hard_max:  # a run-on sentence: cut at a comma if there is one
            cut = max(s.rfind("，", 0, hard_max), s.rfind(",", 0, hard_max))
            cut = cut + 1 if cut > hard_max // 3 else hard_max
            out.append(s[:cut])
            s = s[cut:]
        if s.strip():
            out.append(s)
    return out


def chunk_section(report_id: str, sec: Section, target: int = 300, hard_max: int = 500) -> list[Chunk]:
    chunks: list[Chunk] = []
    path: dict[int, str] = {}
    block: list[tuple[str, Line]] = []

    def flush():
        if not block:
            return
        text, starts = "", []
        for seg, ln in block:
            starts.append((len(text), ln))
            text = _join(text, seg)
        pos, cur, cur_start = 0, "", 0
        pieces = []
        for s in _sentences(text, hard_max):
            if cur and len(cur) + len(s) > target:
                pieces.append((cur_start, cur))
                cur, cur_start = "", pos
            cur += s
            pos += len(s)
        if cur.strip():
            pieces.append((cur_start, cur))
        for start, piece in pieces:
            ln = next(ln for off, ln in reversed(starts) if off <= start) if starts else None
            chunks.append(Chunk(f"{report_id}:{sec.num}:{len(chunks):03d}", sec.num, section_label(sec.num),
                                [path[k] for k in sorted(path)], ln.page if ln else None,
                                ln.line_no if ln else None, piece.strip()))
        block.clear()

    for ln in sec.body:
        t = ln.text.strip()
        if not t or _PAGE_FOOTER.match(t):
            continue
        sub = subheading(t)
        if sub:
            flush()
            level, head = sub
            for k in [k for k in path if k >= level]:
                del path[k]
            path[level] = head
            if t.lstrip("#").strip() == head:  # a heading line on its own carries no body text
                continue
        block.append((t.lstrip("#").strip(), ln))
    flush()
    return chunks


def chunk_report(report_id: str, sections: list[Section], target: int = 300, hard_max: int = 500) -> list[Chunk]:
    out: list[Chunk] = []
    for sec in sections:
        if sec.num in NARRATIVE_SECTIONS:
            out += chunk_section(report_id, sec, target, hard_max)
    return out
