"""The acceptance test: ingest the shared corpus and compare the export with the gold cells."""

from __future__ import annotations

import json

from conftest import nianbao


def _export(data_dir) -> dict:
    r = nianbao("export", "--format", "jsonl", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    out = {}
    for line in r.stdout.splitlines():
        row = json.loads(line)
        out[(row["source"], row["table"], row["row"], row["col"])] = row
    return out


def test_export_matches_every_gold_cell(corpus_dir, shared):
    exported = _export(corpus_dir)
    gold_files = sorted((shared / "eval" / "gold").glob("*.jsonl"))
    assert gold_files
    n, wrong = 0, []
    for f in gold_files:
        for line in f.read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            n += 1
            e = exported.get((g["source"], g["table"], g["row"], g["col"]))
            if e is None or e["value"] != g["value"] or e["status"] != g["status"]:
                wrong.append((g, e and (e["value"], e["status"], e["note"])))
    assert n == 794
    assert not wrong, wrong[:5]


# Hand-verified from the PDFs (page 4–5 of 淮安 2024, pages 3–4 of 洪泽): every applications row,
# natural_person, commercial, research, public_interest, legal_service, other_org, total.
HUAIAN_2024 = {
    "new_received": [3001, 53, 0, 0, 61, 4, 3119], "carried_over": [34, 0, 0, 0, 0, 0, 34],
    "disclosed": [1288, 21, 0, 0, 50, 3, 1362], "partially_disclosed": [447, 7, 0, 0, 0, 0, 454],
    "withheld_state_secret": [2, 0, 0, 0, 0, 0, 2], "withheld_prohibited": [30, 1, 0, 0, 0, 0, 31],
    "withheld_three_safeties": [5, 0, 0, 0, 0, 0, 5], "withheld_third_party": [6, 0, 0, 0, 0, 0, 6],
    "withheld_internal_affairs": [7, 1, 0, 0, 0, 0, 8], "withheld_process_info": [12, 0, 0, 0, 0, 0, 12],
    "withheld_enforcement_file": [9, 0, 0, 0, 0, 0, 9], "withheld_admin_query": [105, 0, 0, 0, 0, 0, 105],
    "unavailable_not_held": [746, 12, 0, 0, 10, 1, 769], "unavailable_needs_creation": [11, 0, 0, 0, 0, 0, 11],
    "unavailable_unclear": [1, 0, 0, 0, 0, 0, 1], "unprocessed_petition": [56, 6, 0, 0, 0, 0, 62],
    "unprocessed_repeat": [25, 0, 0, 0, 0, 0, 25], "unprocessed_publication": [0] * 7,
    "unprocessed_mass_repeat": [0] * 7, "unprocessed_confirmation": [1, 0, 0, 0, 0, 0, 1],
    "other_no_correction": [67, 3, 0, 0, 1, 0, 71], "other_no_fee": [6, 0, 0, 0, 0, 0, 6],
    "other_misc": [108, 2, 0, 0, 0, 0, 110], "handled_total": [2932, 53, 0, 0, 61, 4, 3050],
    "carried_forward": [103, 0, 0, 0, 0, 0, 103],
}


def _np(v):
    return [v, 0, 0, 0, 0, 0, v]


HONGZE_2023 = {
    "new_received": _np(21), "carried_over": _np(0), "disclosed": _np(0), "partially_disclosed": _np(4),
    "withheld_state_secret": _np(1), "withheld_prohibited": _np(0), "withheld_three_safeties": _np(0),
    "withheld_third_party": _np(0), "withheld_internal_affairs": _np(0), "withheld_process_info": _np(1),
    "withheld_enforcement_file": _np(1), "withheld_admin_query": _np(0), "unavailable_not_held": _np(10),
    "unavailable_needs_creation": _np(3), "unavailable_unclear": _np(0), "unprocessed_petition": _np(1),
    "unprocessed_repeat": _np(0), "unprocessed_publication": _np(0), "unprocessed_mass_repeat": _np(0),
    "unprocessed_confirmation": _np(0), "other": _np(0), "handled_total": _np(21), "carried_forward": _np(0),
}
HONGZE_2024 = {
    **{k: _np(0) for k in HONGZE_2023},
    "new_received": _np(95), "disclosed": _np(50), "partially_disclosed": _np(9),
    "withheld_three_safeties": _np(1), "withheld_process_info": _np(1), "withheld_enforcement_file": _np(1),
    "unavailable_not_held": _np(31), "unavailable_needs_creation": _np(1), "unprocessed_petition": _np(1),
    "handled_total": _np(95),
}
COLS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other_org", "total")


def test_pdf_applications_tables_match_hand_checked_values(corpus_dir):
    exported = _export(corpus_dir)
    for source, table in (("淮安市人民政府_2024", HUAIAN_2024), ("淮安市洪泽区人民政府_2023", HONGZE_2023),
                          ("淮安市洪泽区人民政府_2024", HONGZE_2024)):
        for row, values in table.items():
            for col, v in zip(COLS, values):
                cell = exported[(source, "applications", row, col)]
                assert (cell["value"], cell["status"]) == (v, "ok"), (source, row, col, cell)
                assert cell["page"] in (3, 4, 5)
    # 洪泽 prints （六）其他处理 as one row of zeros: the 2021 sub-rows are repaired to 0, not guessed.
    cell = exported[("淮安市洪泽区人民政府_2023", "applications", "other_misc", "total")]
    assert (cell["value"], cell["status"]) == (0, "repaired")
    # The review line of 淮安 2024 and the active table, read from ruled PDF tables.
    assert exported[("淮安市人民政府_2024", "review", "reconsideration", "total")]["value"] == 351
    assert exported[("淮安市人民政府_2024", "review", "litigation_after_review", "pending")]["value"] == 6
    assert exported[("淮安市人民政府_2024", "active", "fees", "amount_wan_yuan")]["value"] == 96171.6
    assert exported[("淮安市洪泽区人民政府_2023", "active", "normative_documents", "repealed")]["value"] == 5


def test_check_lists_the_real_inconsistencies_and_no_false_ones(corpus_dir):
    r = nianbao("check", "--json", data_dir=corpus_dir)
    assert r.returncode == 0, r.stderr
    fails = {(x["report_id"], x["check_id"]) for x in json.loads(r.stdout)}
    # 洪泽 2023 prints review totals of 0 next to non-zero parts (10 1 0 0 0 … 5 0 0 0 0).
    assert fails == {("淮安市洪泽区人民政府_2023", "review.row.reconsideration"),
                     ("淮安市洪泽区人民政府_2023", "review.row.litigation_after_review")}
    text = nianbao("check", data_dir=corpus_dir).stdout
    assert "10 + 1 + 0 + 0 = 11, but reconsideration.total is printed as 0" in text
    exported = _export(corpus_dir)
    cell = exported[("淮安市洪泽区人民政府_2023", "review", "reconsideration", "total")]
    assert (cell["value"], cell["status"]) == (0, "inconsistent")  # the printed value is kept


def test_cross_year_check_links_renamed_agency(corpus_dir):
    import duckdb

    con = duckdb.connect(str(corpus_dir / "nianbao.duckdb"), read_only=True)
    rows = con.execute("SELECT report_id, scope, status FROM checks WHERE check_id LIKE 'cross_year.%'").fetchall()
    con.close()
    # 洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024) are one agency: 0 carried forward = 0 carried over.
    # 涧西区 2019 → 2020 cannot be checked: the 2020 report prints no table.
    assert {(r[0], r[2]) for r in rows} == {("淮安市洪泽区人民政府_2024", "pass"), ("jianxi-district_2020", "unchecked")}
    assert len(rows) == 14


def test_views_give_derived_rows_and_never_read_missing_as_zero(corpus_dir):
    import duckdb

    con = duckdb.connect(str(corpus_dir / "nianbao.duckdb"), read_only=True)
    q = "SELECT withheld, new_received, other FROM applications WHERE report_id = ? AND applicant = 'total'"
    assert con.execute(q, ["mengjin-county_2020"]).fetchone() == (8, 64, 0)
    assert con.execute(q, ["yibin-econ-zone_2020"]).fetchone() == (None, 12, None)  # cut off: unknown
    assert con.execute(q, ["淮安市人民政府_2024"]).fetchone()[2] == 187  # 2021 form: 71 + 6 + 110
    kinds = con.execute("SELECT kind, total FROM review WHERE report_id = 'mengjin-county_2020' ORDER BY kind").fetchall()
    assert kinds == [("litigation_after_review", 0), ("litigation_direct", 32), ("reconsideration", 25)]
    assert con.execute("SELECT decisions FROM active WHERE report_id = 'mengjin-county_2020' AND item = 'penalty'"
                       ).fetchone()[0] == 535
    con.close()
