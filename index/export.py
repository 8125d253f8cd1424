"""Cells out, one per line: the shape the gold files and spreadsheets use."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Iterable, TextIO

from .store import Store

EXPORT_FIELDS = ("source", "agency", "region", "year", "form", "table", "row", "col", "value", "status",
                 "note", "page", "line", "quote")

_ORDER = """
    CASE c.table_key WHEN 'active' THEN 1 WHEN 'applications' THEN 2 ELSE 3 END
"""


def plain(v):
    """DECIMAL → int when whole, float otherwise; JSON and CSV want plain numbers."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def export_rows(store: Store, report: str | None = None) -> Iterable[dict]:
    sql = f"""
        SELECT r.report_id AS source, r.agency, r.region, r.year, r.form, c.table_key AS "table",
               c.row_key AS "row", c.col_key AS col, c.value, c.status, c.note, c.page, c.line_no AS line,
               c.quote
        FROM cells c JOIN reports r USING (report_id)
        WHERE r.state = 'complete' {"AND r.report_id = ?" if report else ""}
        ORDER BY r.report_id, {_ORDER}, c.rowid
    """
    for row in store.query(sql, [report] if report else []):
        row["value"] = plain(row["value"])
        yield row


def write_export(rows: Iterable[dict], fmt: str, out: TextIO) -> int:
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
        w.writeheader()
        for row in rows:
            w.writerow(row)
            n += 1
    else:
        raise ValueError(f"unknown export format {fmt!r}: use jsonl or csv")
    return n


def export_string(store: Store, fmt: str = "jsonl", report: str | None = None) -> str:
    buf = io.StringIO()
    write_export(export_rows(store, report), fmt, buf)
    return buf.getvalue()
