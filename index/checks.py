"""The form's own accounting identities, checked per report (and across years).

Each check records both sides with the numbers, so `nianbao check` can say exactly what
disagrees. A check whose cells are missing or ambiguous is `unchecked`, never passed. When the
source's totals disagree with their parts, the printed values stay and the total cell is marked
`inconsistent`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import template as T
from .normalize import format_number as _fmt
from .tables import CellOut

_USABLE = ("ok", "blank", "repaired", "inconsistent")


@dataclass
class Check:
    check_id: str
    table: str
    identity: str  # readable: 'new_received + carried_over = handled_total + carried_forward'
    scope: str  # the row or column it applies to
    status: str  # pass | fail | unchecked
    lhs: float | None
    rhs: float | None
    detail: str = ""
    cells: list[str] = field(default_factory=list)  # 'table/row/col' keys involved
    suspect: str | None = None  # the cell to flag when it fails
    report_id: str | None = None  # set for cross-year checks


def _sum_check(cid, table, identity, scope, left: list[tuple], right: list[tuple], grid, suspect=None) -> Check:
    keys = [f"{table}/{r}/{c}" for r, c in left + right]
    vals_l = [grid.get((table, r, c)) for r, c in left]
    vals_r = [grid.get((table, r, c)) for r, c in right]
    if any(v is None for v in vals_l + vals_r):
        gone = [k for k, v in zip(keys, vals_l + vals_r) if v is None]
        return Check(cid, table, identity, scope, "unchecked", None, None,
                     f"not checkable: {len(gone)} cell(s) missing or ambiguous ({', '.join(gone[:3])}"
                     f"{'…' if len(gone) > 3 else ''})", keys, suspect)
    lhs, rhs = sum(vals_l), sum(vals_r)
    ok = abs(lhs - rhs) < 1e-6
    if len(right) == 1:
        rhs_text = f"{right[0][0]}.{right[0][1]} is printed as {_fmt(rhs)}"
    else:
        rhs_text = f"{' + '.join(_fmt(v) for v in vals_r)} = {_fmt(rhs)}"
    detail = "" if ok else f"{' + '.join(_fmt(v) for v in vals_l)} = {_fmt(lhs)}, but {rhs_text}"
    return Check(cid, table, identity, scope, "pass" if ok else "fail", lhs, rhs, detail, keys, suspect)


def run_checks(cells: list[CellOut], form: int) -> list[Check]:
    grid = {(c.table, c.row, c.col): (c.value if c.status in _USABLE else None) for c in cells}
    present = {(c.table, c.row) for c in cells if c.status != "missing"}
    checks: list[Check] = []
    app_rows = T.application_rows(form)
    # Row identity: the six applicant columns sum to 总计.
    for row in app_rows:
        if ("applications", row) not in present:
            continue
        checks.append(_sum_check(
            f"applications.row.{row}", "applications", "natural_person + … + other_org = total", row,
            [(row, c) for c in T.APPLICANT_COLS], [(row, "total")], grid, f"applications/{row}/total"))
    if ("applications", "other") in present:
        other_rows = ("other",)
    else:
        other_rows = T.OTHER_PARTS if form == 2021 else ("other",)
    for col in T.APPLICATION_COLS:
        checks.append(_sum_check(
            f"applications.balance.{col}", "applications",
            "new_received + carried_over = handled_total + carried_forward", col,
            [("new_received", col), ("carried_over", col)], [("handled_total", col), ("carried_forward", col)],
            grid, f"applications/carried_forward/{col}"))
        checks.append(_sum_check(
            f"applications.results.{col}", "applications",
            "disclosed + partially_disclosed + withheld + unavailable + unprocessed + other = handled_total", col,
            [(r, col) for r in T.RESULT_ROWS + other_rows], [("handled_total", col)], grid,
            f"applications/handled_total/{col}"))
    for row in T.REVIEW_ROWS:
        if ("review", row) not in present:
            continue
        checks.append(_sum_check(
            f"review.row.{row}", "review", "upheld + corrected + other + pending = total", row,
            [(row, c) for c in T.REVIEW_COLS[:4]], [(row, "total")], grid, f"review/{row}/total"))
    return checks


def mark_inconsistent(cells: list[CellOut], checks: list[Check]) -> None:
    """Keep the printed value, flag the total that disagrees with its parts."""
    by_key = {f"{c.table}/{c.row}/{c.col}": c for c in cells}
    for ch in checks:
        if ch.status != "fail" or not ch.suspect:
            continue
        cell = by_key.get(ch.suspect)
        if cell is None or cell.status not in ("ok", "blank", "repaired"):
            continue
        cell.status = "inconsistent"
        msg = f"fails {ch.identity} ({ch.scope}): {ch.detail}"
        cell.note = f"{cell.note}; {msg}" if cell.note else msg


def cross_year_checks(reports: list[dict]) -> list[Check]:
    """Last year's carried_forward = this year's carried_over, per column, for the same agency.

    `reports` items: report_id, agency_key, year, and cells {(row, col): value-or-None}.
    """
    out: list[Check] = []
    by_key: dict[tuple, dict] = {}
    for r in reports:
        by_key.setdefault((r["agency_key"], r["year"]), r)
    for r in reports:
        prev = by_key.get((r["agency_key"], r["year"] - 1))
        if prev is None:
            continue
        for col in T.APPLICATION_COLS:
            a = prev["cells"].get(("carried_forward", col))
            b = r["cells"].get(("carried_over", col))
            ident = f"{prev['year']} carried_forward = {r['year']} carried_over"
            keys = [f"{prev['report_id']}:applications/carried_forward/{col}",
                    f"{r['report_id']}:applications/carried_over/{col}"]
            if a is None or b is None:
                out.append(Check(f"cross_year.{col}", "applications", ident, col, "unchecked", a, b,
                                 "not checkable: a cell is missing or ambiguous", keys, report_id=r["report_id"]))
                continue
            ok = abs(a - b) < 1e-6
            detail = "" if ok else (f"{prev['report_id']} carries {_fmt(a)} forward, but "
                                    f"{r['report_id']} carries over {_fmt(b)}")
            out.append(Check(f"cross_year.{col}", "applications", ident, col, "pass" if ok else "fail",
                             a, b, detail, keys, report_id=r["report_id"]))
    return out
