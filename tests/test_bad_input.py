"""Bad input: each file gets a clear error, the batch goes on, nothing is half-written."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from conftest import SAMPLES, nianbao
from pdfmake import scanned_pdf, text_pdf


@pytest.fixture()
def bad_folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    good = SAMPLES / "liuxi-county_2020.txt"
    shutil.copy(good, d / "a-good_2020.txt")
    real = (SAMPLES / "qingchuan-education_2019.pdf").read_bytes()
    (d / "b-corrupt.pdf").write_bytes(real[: len(real) // 3])  # truncated mid-file
    (d / "c-garbage.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00not really a pdf" * 50)
    text_pdf(d / "d-encrypted.pdf", ["某某县人民政府2020年政府信息公开工作年度报告", "一、总体情况"], "secret")
    scanned_pdf(d / "e-scanned.pdf")
    (d / "f-empty.txt").write_bytes(b"")
    (d / "g-recipe.txt").write_text("红烧肉的做法\n\n五花肉切块，焯水，加冰糖炒色，小火炖一小时。\n", encoding="utf-8")
    shutil.copy(SAMPLES / "yunling-district_2021.txt", d / "h-good_2021.txt")
    return d


def test_each_bad_file_gets_its_own_clear_error_and_the_batch_goes_on(bad_folder, tmp_path):
    data = tmp_path / "data"
    r = nianbao("ingest", str(bad_folder), "--json", data_dir=data)
    assert r.returncode == 1, r.stderr  # non-zero: some files failed
    res = {p["path"].rsplit("/", 1)[-1]: p for p in json.loads(r.stdout)["results"]}
    assert res["a-good_2020.txt"]["status"] == "added"
    assert res["h-good_2021.txt"]["status"] == "added"  # after the bad ones: the batch went on
    assert res["b-corrupt.pdf"]["error_code"] in ("corrupt_pdf", "no_text_layer")
    assert res["c-garbage.pdf"]["error_code"] == "corrupt_pdf"
    assert res["c-garbage.pdf"]["error"].startswith("corrupt PDF")
    assert res["d-encrypted.pdf"]["error_code"] == "encrypted_pdf"
    assert "password" in res["d-encrypted.pdf"]["error"]
    assert res["e-scanned.pdf"]["error_code"] == "no_text_layer"
    assert "no text layer; OCR is not supported" in res["e-scanned.pdf"]["error"]
    assert res["f-empty.txt"]["error_code"] == "empty_file"
    assert res["g-recipe.txt"]["error_code"] == "not_a_report"
    assert all(res[k]["status"] == "failed" for k in res if not k.endswith(("good_2020.txt", "good_2021.txt")))

    con = duckdb.connect(str(data / "nianbao.duckdb"), read_only=True)
    ids = {r[0] for r in con.execute("SELECT report_id FROM reports").fetchall()}
    orphans = con.execute("SELECT count(*) FROM cells WHERE report_id NOT IN (SELECT report_id FROM reports)").fetchone()
    con.close()
    assert ids == {"a-good_2020", "h-good_2021"}  # nothing of the bad files was written
    assert orphans == (0,)


def test_summary_table_names_the_errors(bad_folder, tmp_path):
    r = nianbao("ingest", str(bad_folder / "f-empty.txt"), str(bad_folder / "a-good_2020.txt"),
                data_dir=tmp_path / "data")
    assert r.returncode == 1
    assert "empty file" in r.stdout and "1 failed" in r.stdout and "f-empty.txt: empty file" in r.stdout


def test_unsupported_file_named_explicitly_fails_but_is_skipped_in_a_folder(tmp_path, shared):
    docx = shared / "eval_corpus" / "template_2021_blank_copy_from_govnianbao.docx"
    r = nianbao("ingest", str(docx), "--json", data_dir=tmp_path / "d1")
    assert r.returncode == 1
    assert json.loads(r.stdout)["results"][0]["error_code"] == "unsupported_type"
    d = tmp_path / "folder"
    d.mkdir()
    shutil.copy(docx, d)
    shutil.copy(SAMPLES / "liuxi-county_2020.txt", d)
    r = nianbao("ingest", str(d), "--json", data_dir=tmp_path / "d2")
    assert r.returncode == 0, r.stdout
    assert sorted(x["status"] for x in json.loads(r.stdout)["results"]) == ["added", "skipped"]


def test_missing_title_needs_a_sidecar_or_override(tmp_path):
    src = (SAMPLES / "liuxi-county_2020.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    f = tmp_path / "untitled.txt"
    f.write_text(src, encoding="utf-8")
    r = nianbao("ingest", str(f), "--json", data_dir=tmp_path / "d")
    res = json.loads(r.stdout)["results"][0]
    assert r.returncode == 1 and res["error_code"] == "metadata_missing"
    assert "--year" in res["error"] or "--agency" in res["error"]
    r = nianbao("ingest", str(f), "--json", "--agency", "青川市柳溪县人民政府", "--year", "2020", data_dir=tmp_path / "d")
    assert r.returncode == 0, r.stdout
    (tmp_path / "untitled.txt.meta.json").write_text(
        json.dumps({"agency": "青川市柳溪县人民政府", "year": 2020}, ensure_ascii=False), encoding="utf-8")
    r = nianbao("ingest", str(f), "--json", data_dir=tmp_path / "d2")
    assert r.returncode == 0, r.stdout
    con = duckdb.connect(str(tmp_path / "d2" / "nianbao.duckdb"), read_only=True)
    assert con.execute("SELECT region, year, metadata_source FROM reports").fetchone() == ("柳溪县", 2020, "sidecar")
    con.close()
