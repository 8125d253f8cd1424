"""Unit tests of the parsing pieces, on small inputs made here."""

from __future__ import annotations

from pathlib import Path

from index.metadata import agency_key, read_metadata, split_agency
from index.normalize import figure_tokens, normalize, normalize_with_map
from index.readers import read_document, read_html
from index.rowfit import readings, sum_identity
from index.sections import split_sections
from index.tables import extract_cells

HOLDS, SOLVE = sum_identity(6)


def fit(s: str):
    return [r.values for r in readings(s.split(), 7, int, HOLDS, SOLVE)]


def test_normalisation_maps_radicals_that_nfkc_leaves_alone():
    assert normalize("⼈⺠政府⻔⼾⽹站⻓⻛") == "人民政府门户网站长风"
    assert normalize("１２３，０") == "123，0"  # full-width digits fold, Chinese comma stays
    text, offs = normalize_with_map("⼀是ＡB")
    assert text == "一是AB" and offs == [0, 1, 2, 3]


def test_figures_skip_list_markers_and_words():
    toks = [m.group(0) for m in figure_tokens("2.其他法律 4 0 1,960 -101 保留4位小数 711号 2.5")]
    assert toks == ["4", "0", "1,960", "-101", "2.5"]


def test_run_together_digits_split_by_the_row_identity():
    assert fit("230 000023") == [(23, 0, 0, 0, 0, 0, 23)]


def test_run_together_digits_that_stay_ambiguous_are_all_reported():
    # "20" may be 2 and 0 run together (total 3), or the row may lack its total (20+1+3 = 24)
    out = fit("20 1 0 0 0 3")
    assert sorted(out) == [(2, 0, 1, 0, 0, 0, 3), (20, 1, 0, 0, 0, 3, 24)]


def test_extra_and_missing_cells():
    assert fit("44 20 0 0 0 0 0 64") == [(44, 20, 0, 0, 0, 0, 64)]
    assert (13, 0, 0, 0, 0, 0, 13) in fit("13 0 0 0 0 13")


def _report(body: str, tmp_path: Path, name="x_2020.txt"):
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    doc = read_document(p)
    return doc, split_sections(doc)


APPS = """某某县人民政府2020年政府信息公开工作年度报告
一、总体情况
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 {new}
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
"""


def test_ambiguous_row_is_never_guessed(tmp_path):
    doc, secs = _report(APPS.format(new="20 1 0 0 0 3"), tmp_path)
    cells = {(c.row, c.col): c for c in extract_cells(doc, secs, 2019) if c.table == "applications"}
    c = cells[("new_received", "natural_person")]
    assert c.status == "ambiguous" and c.value is None and "readings" in c.note
    assert "2 0 1 0 0 0 3 | 20 1 0 0 0 3 24" in c.note
    assert cells[("new_received", "legal_service")].status == "ok"  # cells all readings agree on
    assert cells[("disclosed", "total")].status == "missing"


def test_text_provenance_points_at_the_raw_characters(tmp_path):
    doc, secs = _report(APPS.format(new="5 1 0 0 0 0 6"), tmp_path)
    raw = (tmp_path / "x_2020.txt").read_text(encoding="utf-8")
    c = next(c for c in extract_cells(doc, secs, 2019) if (c.row, c.col) == ("new_received", "total"))
    assert (c.value, c.line_no) == (6, 5)
    assert raw[c.char_start:c.char_end] == "6" and "本年新收" in c.quote


def test_sections_ignore_reused_numerals_inside_overview(shared):
    doc = read_document(shared / "corpus" / "jianxi-district_2020.txt")
    assert [s.num for s in split_sections(doc)] == [0, 1]
    doc = read_document(shared / "corpus" / "jianxi-district_2019.txt")
    secs = split_sections(doc)
    assert [s.num for s in secs] == [1, 2, 3, 4, 5, 6]
    assert not any("结转下年度" in s.title for s in secs)


def test_metadata_reads_agency_region_year_and_form(shared):
    m = read_metadata(read_document(shared / "corpus" / "mengjin-county_2020.txt"))
    assert (m.agency, m.region, m.year, m.form) == ("洛阳市孟津县人民政府", "孟津县", 2020, 2019)
    m = read_metadata(read_document(shared / "corpus" / "jianxi-data-bureau_2021.txt"))
    assert (m.agency, m.region, m.form) == ("涧西区政务服务和大数据管理局", "涧西区", 2021)
    assert split_agency("洛阳市伊滨经开区人民政府") == ("伊滨经开区", "人民政府")
    assert agency_key("洪泽区人民政府", "洪泽区") == agency_key("淮安市洪泽区人民政府", "洪泽区")


def test_html_tables_with_spans_and_blank_cells(tmp_path):
    html = """<html><body><h1>某某县人民政府2022年政府信息公开工作年度报告</h1><h2>一、总体情况</h2><p>概述。</p>
    <h2>三、收到和处理政府信息公开申请情况</h2><table>
    <tr><td colspan=3 rowspan=2>说明</td><td colspan=7>申请人情况</td></tr>
    <tr><td>自然人</td><td colspan=5>法人或其他组织</td><td>总计</td></tr>
    <tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>4</td><td></td><td></td><td>1</td><td></td><td></td><td>5</td></tr>
    <tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>（一）予以公开</td><td>3</td><td>1</td><td></td><td></td><td></td><td></td><td></td></tr>
    <tr><td colspan=2>（二）部分公开</td><td>1</td><td></td><td></td><td></td><td></td><td></td><td>1</td></tr>
    </table><h2>五、存在的主要问题及改进情况</h2><p>无。</p></body></html>"""
    doc = read_html(tmp_path / "h.html", html)
    secs = split_sections(doc)
    cells = {(c.row, c.col): c for c in extract_cells(doc, secs, 2021) if c.table == "applications"}
    assert [(cells[("new_received", k)].value, cells[("new_received", k)].status) for k in
            ("natural_person", "commercial", "public_interest", "total")] == [(4, "ok"), (0, "blank"), (1, "ok"), (5, "ok")]
    # a blank total the identity says is 4: repaired, with a note
    assert (cells[("disclosed", "total")].value, cells[("disclosed", "total")].status) == (4, "repaired")
