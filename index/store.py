"""The DuckDB store: one file, `<data dir>/nianbao.duckdb`, guarded by a data-dir lock.

DuckDB lets one process write a database file at a time. Rather than let a second writer
wait or fail deep inside DuckDB, every command takes `<data dir>/nianbao.lock` first (flock):
exclusive for writers (ingest, serve), shared for readers (reports, export, check). A busy
data dir is reported at once, naming the holder, and nothing is touched.
"""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import duckdb

import sql

from .checks import Check, cross_year_checks
from .errors import StoreBusy

DB_NAME = "nianbao.duckdb"
LOCK_NAME = "nianbao.lock"


class DataDirLock:
    def __init__(self, data_dir: Path, exclusive: bool, holder: str, url: str | None = None):
        self.path = Path(data_dir) / LOCK_NAME
        self.exclusive, self.holder, self.url = exclusive, holder, url
        self.fd: int | None = None

    def acquire(self) -> "DataDirLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            info = _read_holder(fd)
            os.close(fd)
            raise StoreBusy(_busy_message(self.path.parent, info, self.exclusive)) from None
        if self.exclusive:
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps({"pid": os.getpid(), "holder": self.holder, "url": self.url}).encode())
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            if self.exclusive:
                os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


def _read_holder(fd: int) -> dict:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return json.loads(os.read(fd, 4096).decode() or "{}")
    except (OSError, ValueError):
        return {}


def _busy_message(data_dir: Path, info: dict, want_write: bool) -> str:
    holder, pid, url = info.get("holder"), info.get("pid"), info.get("url")
    if holder == "serve":
        where = f" at {url}" if url else ""
        return (f"the data dir {data_dir} is in use by `nianbao serve` (pid {pid}{where}). "
                f"Upload reports through the server (POST /api/reports), or stop it and run this again.")
    if holder:
        return (f"the data dir {data_dir} is in use by `nianbao {holder}` (pid {pid}); "
                "run this again when it has finished.")
    return (f"the data dir {data_dir} is being {'read' if want_write else 'written'} by another nianbao "
            "process; run this again when it has finished.")


class Store:
    """DuckDB access for one data dir. Open with `Store.open(...)` as a context manager."""

    def __init__(self, data_dir: Path, read_only: bool = False):
        self.data_dir = Path(data_dir)
        self.read_only = read_only
        self.path = self.data_dir / DB_NAME
        try:
            if read_only and not self.path.exists():
                self.conn = duckdb.connect(":memory:")
                self._migrate()
            else:
                self.data_dir.mkdir(parents=True, exist_ok=True)
                self.conn = duckdb.connect(str(self.path), read_only=read_only)
                if not read_only:
                    self._migrate()
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise StoreBusy(f"the database {self.path} is open in another process ({e})") from None
            raise

    @classmethod
    @contextmanager
    def open(cls, data_dir: Path, write: bool, holder: str = "ingest", url: str | None = None):
        with DataDirLock(Path(data_dir), exclusive=write, holder=holder, url=url):
            store = cls(Path(data_dir), read_only=not write)
            try:
                yield store
            finally:
                store.close()

    def close(self) -> None:
        self.conn.close()

    # --- schema ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        c = self.conn
        c.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                  "name VARCHAR, applied_at TIMESTAMP)")
        done = {v for (v,) in c.execute("SELECT version FROM schema_migrations").fetchall()}
        for version, name in sql.MIGRATIONS:
            if version in done:
                continue
            c.execute("BEGIN")
            c.execute(sql.read(name))
            c.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, _now()])
            c.execute("COMMIT")
        c.execute(sql.read(sql.VIEWS))

    def schema_version(self) -> int:
        return self.conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]

    # --- reports --------------------------------------------------------------------------

    def report_state(self, report_id: str) -> tuple[str, str] | None:
        row = self.conn.execute("SELECT sha256, state FROM reports WHERE report_id = ?", [report_id]).fetchone()
        return (row[0], row[1]) if row else None

    def write_report(self, record: dict, cells: list, checks: list[Check], sections: list[dict],
                     chunks: list[dict]) -> None:
        """Replace one report in a single transaction: all of it or none of it."""
        c = self.conn
        rid = record["report_id"]
        c.execute("BEGIN TRANSACTION")
        try:
            for table in ("cells", "checks", "sections", "chunks", "reports"):
                c.execute(f"DELETE FROM {table} WHERE report_id = ?", [rid])
            c.execute("INSERT INTO reports BY NAME SELECT * FROM (SELECT " + ", ".join(
                f"? AS {k}" for k in record) + ")", list(record.values()))
            if cells:
                c.executemany("INSERT INTO cells VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", [
                    [rid, x.table, x.row, x.col, x.value, x.status, x.note or None, x.page,
                     list(x.bbox) if x.bbox else None, x.line_no, x.char_start, x.char_end, x.quote]
                    for x in cells])
            self._insert_checks(checks, rid)
            if sections:
                c.executemany("INSERT INTO sections VALUES (?,?,?,?,?,?,?,?,?)", [
                    [rid, s["num"], s["label"], s["title"], s["page_start"], s["page_end"],
                     s["line_start"], s["line_end"], s["text"]] for s in sections])
            if chunks:
                c.executemany("INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?)", [
                    [k["chunk_id"], rid, k["section_num"], k["section"], k["subheadings"], k["page"],
                     k["line_start"], k["text"], k["tokens"]] for k in chunks])
            c.execute("COMMIT")
        except Exception:
            c.execute("ROLLBACK")
            raise

    def set_state(self, report_id: str, state: str) -> None:
        self.conn.execute("UPDATE reports SET state = ? WHERE report_id = ?", [state, report_id])

    def incomplete_reports(self) -> list[str]:
        return [r for (r,) in self.conn.execute(
            "SELECT report_id FROM reports WHERE state <> 'complete' ORDER BY report_id").fetchall()]

    def chunks(self, report_id: str | None = None) -> list[dict]:
        """Narrative chunks with their report's agency, region and year; one report's or all."""
        where = "WHERE report_id = ?" if report_id else ""
        return self.query("SELECT k.*, r.agency, r.region, r.year, r.form FROM chunks k "
                          f"JOIN reports r USING (report_id) {where} ORDER BY chunk_id",
                          [report_id] if report_id else [])

    def refresh_cross_year(self) -> None:
        """Recompute every cross-year check from the reports now in the store."""
        c = self.conn
        reps = c.execute("SELECT report_id, agency_key, year FROM reports").fetchall()
        cells = c.execute("SELECT report_id, row_key, col_key, value, status FROM cells WHERE table_key = "
                          "'applications' AND row_key IN ('carried_forward', 'carried_over')").fetchall()
        by_report: dict[str, dict] = {r[0]: {} for r in reps}
        for rid, row, col, value, status in cells:
            usable = status in ("ok", "blank", "repaired", "inconsistent")
            by_report[rid][(row, col)] = float(value) if usable and value is not None else None
        data = [{"report_id": r, "agency_key": k, "year": y, "cells": by_report[r]} for r, k, y in reps]
        checks = cross_year_checks(data)
        c.execute("BEGIN TRANSACTION")
        c.execute("DELETE FROM checks WHERE check_id LIKE 'cross_year.%'")
        self._insert_checks(checks)
        c.execute("COMMIT")

    def _insert_checks(self, checks: list[Check], report_id: str | None = None) -> None:
        if checks:
            self.conn.executemany("INSERT INTO checks VALUES (?,?,?,?,?,?,?,?,?,?)", [
                [report_id or k.report_id, k.check_id, k.table, k.identity, k.scope, k.status, k.lhs, k.rhs,
                 k.detail, k.cells] for k in checks])

    # --- reading --------------------------------------------------------------------------

    def query(self, sql_text: str, params: list | None = None) -> list[dict]:
        cur = self.conn.execute(sql_text, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def record_dict(**kw) -> dict:
    kw.setdefault("ingested_at", _now())
    return kw

