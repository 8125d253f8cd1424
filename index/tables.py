"""The three statistics tables of a report, as typed cells under the canonical keys.

Two sources feed the same fitting logic:
- ruled grids (PDF `extract_tables`, HTML `<table>`): each figure sits in a known column, blank
  cells are visible;
- plain text: the section's lines are read as one stream; each row is found by its label anchor
  (template.py), and the figures between one anchor and the next are that row's. Labels split
  over lines, the vertical 三、本年度办理结果 header and page breaks do not matter to this.

Every cell gets a status (ok, blank, missing, repaired, ambiguous; `inconsistent` is set later
by checks.py) and provenance: page and bbox, or line and character offsets, plus the raw quote.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from . import template as T
from .normalize import compact, figure_tokens, normalize_with_map, parse_number
from .normalize import format_number as _fmt
from .readers import Cell, Document, Grid, Line
from .rowfit import Reading, grouped_sum_identity, readings, sum_identity
from .sections import Section


@dataclass
class CellOut:
    table: str
    row: str
    col: str
    value: int | float | None
    status: str
    note: str = ""
    page: int | None = None
    bbox: tuple | None = None
    line_no: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    quote: str = ""


@dataclass
class Token:
    text: str
    line: Line | None = None
    start: int | None = None  # offset in line.text
    end: int | None = None
    page: int | None = None
    bbox: tuple | None = None
    blank: bool = False  # an empty grid cell
    pos: int | None = None  # offset in the section stream (text sources)

    @property
    def value(self):
        return 0 if self.blank else parse_number(self.text)


@dataclass
class RowObs:
    """What the source prints for one canonical row."""

    table: str
    row: str
    tokens: list[Token]
    lines: list[Line] = field(default_factory=list)
    exact: bool = False  # grid: token i is column i
    unit_note: str = ""
    scale: float = 1.0


# --- provenance helpers -----------------------------------------------------------------


def _raw_span(line: Line, start: int, end: int) -> tuple[int | None, int | None]:
    if line.char_start is None:
        return None, None
    _, offs = normalize_with_map(line.raw)
    if not offs:
        return line.char_start, line.char_start
    s = offs[min(start, len(offs) - 1)]
    e = offs[min(end - 1, len(offs) - 1)] + 1
    return line.char_start + s, line.char_start + e


def _quote(lines: list[Line]) -> str:
    seen, parts = set(), []
    for ln in lines:
        if ln.line_no not in seen and ln.raw.strip():
            seen.add(ln.line_no)
            parts.append(re.sub(r"\s+", " ", ln.raw.strip()))
    q = " / ".join(parts)
    return q if len(q) <= 400 else q[:397] + "…"


# --- text stream ------------------------------------------------------------------------


class Stream:
    """A section body as one string, with a map back to lines."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.text = ""
        self.starts: list[int] = []
        for ln in lines:
            self.starts.append(len(self.text))
            self.text += ln.text + "\n"
        self.compact, self.coffs = compact(self.text)

    def line_at(self, pos: int) -> tuple[Line, int]:
        import bisect

        i = max(0, bisect.bisect_right(self.starts, pos) - 1)
        return self.lines[i], pos - self.starts[i]

    def find(self, pattern: re.Pattern, after: int) -> tuple[int, int] | None:
        """Find an anchor in the whitespace-free text, at or after stream offset `after`;
        returns stream offsets (start, end)."""
        import bisect

        ci = bisect.bisect_left(self.coffs, after)
        m = pattern.search(self.compact, ci)
        if not m:
            return None
        return self.coffs[m.start()], self.coffs[m.end() - 1] + 1

    def tokens(self, start: int, end: int) -> list[Token]:
        out = []
        seg = self.text[start:end]
        for m in figure_tokens(seg):
            line, off = self.line_at(start + m.start())
            out.append(Token(m.group(0), line, off, off + len(m.group(0)), line.page, None,
                             pos=start + m.end()))
        return out

    def lines_between(self, start: int, end: int) -> list[Line]:
        a, _ = self.line_at(start)
        b, _ = self.line_at(max(start, end - 1))
        return [ln for ln in self.lines if a.line_no <= ln.line_no <= b.line_no]


def _row_specs(table: str, form: int):
    """The row specs a table of this form is read with, in print order."""
    if table == "applications":
        return [s for s in T.APPLICATION_ROWS if form in s.forms]
    return list(T.ACTIVE_ROWS[form])


def _anchor_rows(stream: Stream, specs) -> list[tuple[str, int, int]]:
    """(row key, anchor start, anchor end) in print order; absent rows are skipped."""
    found, pos = [], 0
    for spec in specs:
        hit = stream.find(spec.anchor, pos)
        if hit:
            found.append((spec.key, hit[0], hit[1]))
            pos = hit[1]
    return found


def _numeric_line(text: str) -> bool:
    toks = figure_tokens(text)
    rest = text
    for m in reversed(toks):
        rest = rest[: m.start()] + rest[m.end():]
    return bool(toks) and not rest.strip(" \t|")


def text_rows(table: str, section: Section, form: int) -> list[RowObs]:
    stream = Stream(section.body)
    if table == "review":
        toks: list[Token] = []
        lines = []
        for ln in section.body:
            if _numeric_line(ln.text):
                st = Stream([ln])
                toks += st.tokens(0, len(st.text))
                lines.append(ln)
        return [RowObs("review", "*", toks, lines)] if toks else []
    specs = _row_specs(table, form)
    anchors = _anchor_rows(stream, specs)
    out = []
    prev_end = 0
    for i, (key, s, e) in enumerate(anchors):
        end = anchors[i + 1][1] if i + 1 < len(anchors) else len(stream.text)
        toks = stream.tokens(e, end)
        obs = RowObs(table, key, toks, stream.lines_between(s, toks[-1].pos if toks else e))
        if table == "active":
            header = stream.text[prev_end:s]
            _money_unit(obs, header, form)
        out.append(obs)
        prev_end = end if toks else e
    return out


def _money_unit(obs: RowObs, header: str, form: int) -> None:
    spec = next(r for r in T.ACTIVE_ROWS[form] if r.key == obs.row)
    if not set(spec.cols) & T.MONEY_COLS:
        return
    h = re.sub(r"\s+", "", header + "".join(ln.text for ln in obs.lines))
    if re.search(r"单位[:：]?元|（元）|\(元\)", h) and "万元" not in h:
        obs.scale = 1 / 10000
        obs.unit_note = "printed in 元; converted to 万元"


# --- grids ------------------------------------------------------------------------------


def _is_figure(text: str) -> bool:
    return bool(re.fullmatch(r"[-−]?\d+(?:,\d{3})*(?:\.\d+)?", text.strip()))


_BLANK = re.compile(r"^[\s\-—–/无_]*$")


def _grid_cell_token(cell: Cell | None, page: int | None) -> Token | None:
    if cell is None or _BLANK.match(cell.text or ""):
        return Token("", page=page, bbox=cell.bbox if cell else None, blank=True)
    t = cell.text.strip().replace(" ", "")
    if _is_figure(t):
        return Token(t, page=page, bbox=cell.bbox)
    return None


def _cell_line(cells: list[Cell | None], page: int | None) -> Line:
    raw = " | ".join(c.raw.replace("\n", "") for c in cells if c is not None and c.raw.strip())
    txt = " | ".join(c.text.replace("\n", "") for c in cells if c is not None and c.text.strip())
    return Line(txt, raw, 0, page)


def grid_rows(table: str, grids: list[Grid], form: int) -> list[RowObs]:
    out: list[RowObs] = []
    if table == "review":
        # The data row: the last 15 cells all figures or blank (blank zeros are common).
        for g in grids:
            for r, row in enumerate(g.rows):
                if r == 0 or len(row) < 15:
                    continue
                vals = [_grid_cell_token(c, g.pages[r]) for c in row[-15:]]
                if all(t is not None for t in vals) and any(c is not None and c.text.strip() for c in row[-15:]):
                    return [RowObs("review", "*", vals, [_cell_line(row, g.pages[r])], exact=True)]
        return out
    n = len(T.APPLICATION_COLS) if table == "applications" else None
    specs = _row_specs(table, form)
    header_text = ""
    for g in grids:
        ncols = max((len(r) for r in g.rows), default=0)
        for r, row in enumerate(g.rows):
            page = g.pages[r]
            row = list(row) + [Cell("", "")] * (ncols - len(row))
            if table == "applications":
                if ncols < n + 1:
                    continue
                label_cells, value_cells = row[: ncols - n], row[ncols - n:]
            else:
                label_cells, value_cells = row[:1], row[1:]
            labels = [c.text for c in label_cells if c is not None and c.text.strip()]
            if not labels:
                continue
            toks = [_grid_cell_token(c, page) for c in value_cells]
            if not any(t is not None and not t.blank for t in toks) and not all(
                    t is not None for t in toks):
                header_text += "".join(labels)
                continue
            key = _match_label(labels, specs)
            if key is None:
                header_text += "".join(labels) + "".join(c.text for c in value_cells if c)
                continue
            ln = _cell_line(row, page)
            if table == "active":
                spec = next(s for s in specs if s.key == key)
                toks = toks[: len(spec.cols)]
            if any(t is None for t in toks):
                # Text in a figure column: the grid is misaligned; read the row's text instead.
                st = Stream([Line(" ".join(c.text for c in value_cells if c), ln.raw, 0, page)])
                obs = RowObs(table, key, st.tokens(0, len(st.text)), [ln])
            else:
                obs = RowObs(table, key, toks, [ln], exact=True)
            if table == "active":
                _money_unit(obs, header_text, form)
                header_text = ""
            out.append(obs)
    return out


def _match_label(labels: list[str], specs) -> str | None:
    """The row a grid label names: the innermost label cell first (it holds the specific
    sub-row, e.g. 1、…逾期不补正 under （六）其他处理), then all label cells joined."""
    for text in (labels[-1], "".join(labels)):
        flat = re.sub(r"\s+", "", text)
        for spec in specs:
            if spec.anchor.search(flat):
                return spec.key
    return None


# --- fitting and resolution -------------------------------------------------------------

_APP_HOLDS, _APP_SOLVE = sum_identity(len(T.APPLICANT_COLS))
_REV_HOLDS, _ = grouped_sum_identity(3, 4)


def _readings(obs: RowObs) -> list[Reading]:
    texts = [t.text for t in obs.tokens if not t.blank]
    if obs.exact:
        vals = tuple(t.value for t in obs.tokens)
        return [Reading(vals, "")]
    if obs.table == "applications":
        return readings(texts, 7, parse_number, _APP_HOLDS, _APP_SOLVE)
    if obs.table == "review":
        return readings(texts, 15, parse_number, _REV_HOLDS, None)
    return []


def _bound_ok(vec, avail) -> bool:
    """A result row cannot exceed what was there to handle (new + carried over), per column."""
    return all(a is None or v is None or v <= a + 1e-9 for v, a in zip(vec, avail))


def resolve_applications(obs_rows: list[RowObs]) -> dict[str, tuple[list[Reading], RowObs]]:
    cands = {o.row: (_readings(o), o) for o in obs_rows}

    def fixed(key):
        c = cands.get(key)
        return c[0][0].values if c and len(c[0]) == 1 else None

    new, carried = fixed("new_received"), fixed("carried_over")
    if new and carried:
        avail = tuple(a + b for a, b in zip(new, carried))
        for key, (rs, o) in cands.items():
            if key in ("new_received", "carried_over") or len(rs) <= 1:
                continue
            kept = [r for r in rs if _bound_ok(r.values, avail)]
            if kept:
                cands[key] = (kept, o)
    # Column identities across rows, over the combinations of the rows still open.
    open_rows = [k for k, (rs, _) in cands.items() if len(rs) > 1]
    if open_rows and all(k in cands for k in ("new_received", "carried_over", "handled_total",
                                               "carried_forward")):
        space = 1
        for k in open_rows:
            space *= len(cands[k][0])
        if space <= 5000:
            survivors = {k: set() for k in open_rows}
            for combo in itertools.product(*(cands[k][0] for k in open_rows)):
                pick = {k: r.values for k, r in zip(open_rows, combo)}
                vec = {k: (pick[k] if k in pick else (cands[k][0][0].values if len(cands[k][0]) == 1
                                                       else None)) for k in cands}
                if _columns_hold(vec):
                    for k, r in zip(open_rows, combo):
                        survivors[k].add(r)
            if all(survivors.values()):
                for k in open_rows:
                    cands[k] = ([r for r in cands[k][0] if r in survivors[k]], cands[k][1])
    return cands


def _columns_hold(vec: dict) -> bool:
    rows_needed = ("new_received", "carried_over", "handled_total", "carried_forward")
    if any(vec.get(k) is None for k in rows_needed):
        return True
    for c in range(7):
        vals = {k: vec[k][c] for k in rows_needed}
        if None in vals.values():
            continue
        if abs(vals["new_received"] + vals["carried_over"] - vals["handled_total"] - vals["carried_forward"]) > 1e-9:
            return False
    return True


def _cells_from(table: str, row: str, cols: tuple[str, ...], rs: list[Reading], obs: RowObs) -> list[CellOut]:
    out = []
    printed = obs.tokens
    for j, col in enumerate(cols):
        tok = printed[j] if obs.exact and j < len(printed) else None
        values = {r.values[j] for r in rs}
        note = rs[0].how if rs else ""
        if not rs:
            status, value = "ambiguous", None
            note = (f"the source prints {' '.join(t.text for t in obs.tokens) or 'nothing'} for this row "
                    "and no reading satisfies the row identity")
        elif len(values) == 1:
            value = next(iter(values))
            status = "ok"
            if len(rs) > 1:
                note = "; ".join(sorted({r.how for r in rs if r.how})) or note
            if tok is not None and tok.blank:
                status = "blank"
        else:
            status, value = "ambiguous", None
            note = ("the printed figures allow several readings: "
                    + " | ".join(" ".join(_fmt(v) for v in r.values) for r in rs))
        out.append(_with_provenance(CellOut(table, row, col, value, status, note), obs, tok, j))
    return out


def _with_provenance(cell: CellOut, obs: RowObs, tok: Token | None, j: int) -> CellOut:
    if tok is None and not obs.exact and len(obs.tokens) == (7 if obs.table == "applications" else 15):
        tok = obs.tokens[j] if j < len(obs.tokens) else None
    src = tok if tok is not None else (obs.tokens[0] if obs.tokens else None)
    lines = obs.lines or ([src.line] if src and src.line else [])
    cell.quote = _quote(lines)
    if src is not None:
        cell.page = src.page
        cell.bbox = src.bbox if tok is not None else None
        if src.line is not None:
            cell.line_no = src.line.line_no or None
            if tok is not None and tok.start is not None:
                cell.char_start, cell.char_end = _raw_span(src.line, tok.start, tok.end)
    if cell.page is None and lines:
        cell.page = lines[0].page
    if cell.line_no is None and lines and lines[0].line_no:
        cell.line_no = lines[0].line_no
    return cell


def _repair_blanks(cells: list[CellOut]) -> None:
    """A blank grid cell means 0, unless the row identity says otherwise: a blank total whose
    parts add up to more, or the one blank part that the total accounts for, is repaired."""
    parts, total = cells[:-1], cells[-1]
    if any(c.value is None for c in cells):
        return
    if abs(sum(c.value for c in parts) - total.value) < 1e-9:
        return
    blank_parts = [c for c in parts if c.status == "blank"]
    if total.status == "blank":
        b, want = total, sum(c.value for c in parts)
    elif len(blank_parts) == 1:
        b = blank_parts[0]
        want = total.value - sum(c.value for c in parts if c is not b)
    else:
        return
    if want > 0:
        b.value, b.status = want, "repaired"
        b.note = f"printed blank; the row identity (parts = total) gives {_fmt(want)}"


def cells_for_table(table: str, obs_rows: list[RowObs], form: int) -> list[CellOut]:
    out: list[CellOut] = []
    if table == "applications":
        for key, (rs, obs) in resolve_applications(obs_rows).items():
            if not obs.tokens:
                continue  # a group label such as （六）其他处理 above its sub-rows
            row_cells = _cells_from(table, key, T.APPLICATION_COLS, rs, obs)
            if obs.exact:
                _repair_blanks(row_cells)
            out += row_cells
    elif table == "review":
        for obs in obs_rows:
            rs = _readings(obs)
            cols = [(r, c) for r in T.REVIEW_ROWS for c in T.REVIEW_COLS]
            flat = _cells_from("review", "*", tuple(f"{r}.{c}" for r, c in cols), rs, obs)
            for cell, (r, c) in zip(flat, cols):
                cell.row, cell.col = r, c
            for i in range(3):
                group = flat[i * 5:(i + 1) * 5]
                if obs.exact:
                    _repair_blanks(group)
            out += flat
    else:
        for obs in obs_rows:
            spec = next(s for s in T.ACTIVE_ROWS[form] if s.key == obs.row)
            toks = obs.tokens
            for j, col in enumerate(spec.cols):
                if j < len(toks) and (len(toks) == len(spec.cols) or obs.exact):
                    tok = toks[j]
                    value = tok.value
                    note = ""
                    if col in T.MONEY_COLS and obs.scale != 1 and not tok.blank:
                        value = round(value * obs.scale, 6)
                        note = f"printed {tok.text} 元; converted to 万元"
                    status = "blank" if tok.blank else "ok"
                    if tok.text and "," in tok.text:
                        note = (note + "; " if note else "") + f"printed {tok.text}"
                    cell = CellOut("active", obs.row, col, value, status, note)
                    out.append(_with_provenance(cell, obs, tok, j))
                elif toks and len(toks) != len(spec.cols):
                    cell = CellOut("active", obs.row, col, None, "ambiguous",
                                   f"row prints {len(toks)} figures ({' '.join(t.text for t in toks)}) "
                                   f"for {len(spec.cols)} cells; no identity decides which is which")
                    out.append(_with_provenance(cell, obs, None, j))
    return out


# --- the whole report ------------------------------------------------------------------


def extract_cells(doc: Document, sections: list[Section], form: int) -> list[CellOut]:
    by_num = {s.num: s for s in sections}
    cells: list[CellOut] = []
    tables_seen: dict[str, str] = {}
    for table in T.TABLES:
        num = T.TABLE_SECTION[table]
        sec = by_num.get(num)
        grids = [g for g in doc.grids if sec and _overlaps(g, sec, len(doc.lines))]
        obs = grid_rows(table, grids, form) if grids else []
        if not obs and sec is not None:
            obs = text_rows(table, sec, form)
        got = cells_for_table(table, obs, form)
        cells += got
        tables_seen[table] = ("absent" if sec is None else "empty" if not got else "present")
    return _fill_missing(cells, form, tables_seen)


def _overlaps(g: Grid, sec: Section, n_lines: int) -> bool:
    start = min(g.line_index, n_lines - 1)
    end = max(g.line_end, start + 1)
    return start < sec.end and end > sec.start


def _fill_missing(cells: list[CellOut], form: int, seen: dict[str, str]) -> list[CellOut]:
    have = {(c.table, c.row, c.col) for c in cells}
    rows_with = {(c.table, c.row) for c in cells}
    out = list(cells)
    printed_other = ("applications", "other") in rows_with
    last_row = {}
    for c in cells:
        last_row[c.table] = c.row
    for table, row, col in T.expected_cells(form):
        if (table, row, col) in have:
            continue
        if table == "applications" and row in T.OTHER_PARTS and printed_other:
            other = next(c for c in cells if (c.table, c.row, c.col) == ("applications", "other", col))
            if other.value == 0:
                out.append(CellOut(table, row, col, 0, "repaired",
                                   "the report prints （六）其他处理 as one row, and it is 0: each of its "
                                   "three sub-rows must be 0", other.page, None, other.line_no,
                                   quote=other.quote))
                continue
            note = "the report prints （六）其他处理 as one row, not its three sub-rows"
        elif seen[table] == "absent":
            note = f"section {T.section_label(T.TABLE_SECTION[table])} is absent from the report"
        elif seen[table] == "empty":
            note = "the section prints no figures for this table"
        elif (table, row) not in rows_with:
            note = f"not in the source: the table stops or skips this row (last row read: {last_row.get(table)})"
        else:
            note = "not in the source"
        out.append(CellOut(table, row, col, None, "missing", note))
    return out
