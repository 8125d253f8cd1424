"""Report metadata read from the document: agency, region, report year and form.

The year is the year reported on (from the title or the statistics period), not the date of
publication. A sidecar `<file>.meta.json` or CLI overrides fill in what a file lacks.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import MetadataMissing, NotAReport
from .readers import Document
from .template import FORM_2019_MARKERS, FORM_2021_MARKERS


@dataclass
class ReportMeta:
    agency: str | None = None
    region: str | None = None
    year: int | None = None
    form: int | None = None
    title: str | None = None
    source: str = "document"  # where the metadata came from: document, sidecar, override

    def merged(self, other: dict, source: str) -> "ReportMeta":
        data = asdict(self)
        changed = False
        for k in ("agency", "region", "year", "form", "title"):
            if other.get(k) not in (None, ""):
                data[k] = int(other[k]) if k in ("year", "form") else other[k]
                changed = True
        if changed:
            data["source"] = source if self.source == "document" else f"{self.source}+{source}"
        return ReportMeta(**data)


TITLE_TAIL = re.compile(r"(\d{4})年(?:度)?(?:政府)?信息公开(?:工作)?(?:年度)?报告")
PERIOD_RE = re.compile(r"统计期限?(?:为|自|从)?(\d{4})年1月1日")
# One administrative unit of a place name, read left to right: 洛阳市 / 孟津县 / 伊滨经开区.
_UNIT = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:自治州|自治县|特别行政区|省|市|州|盟|县|区|旗)")


def split_agency(agency: str) -> tuple[str | None, str]:
    """('孟津县', '人民政府') for 洛阳市孟津县人民政府: the innermost place and the organ."""
    pos, region = 0, None
    while True:
        m = _UNIT.match(agency, pos)
        if not m:
            break
        # A unit needs a name before its 市/县/区, so 孟津县市场监督管理局 yields no place called 市.
        region, pos = m.group(0), m.end()
    return region, agency[pos:]


def agency_key(agency: str | None, region: str | None) -> str | None:
    """Identity of an agency across years and spellings (洪泽区人民政府 = 淮安市洪泽区人民政府)."""
    if not agency:
        return region
    reg, organ = split_agency(agency)
    return f"{region or reg or ''}{organ}"


def _title_candidates(doc: Document, limit: int = 60):
    lines = [ln for ln in doc.lines[:limit] if ln.text.strip()]
    for i, ln in enumerate(lines):
        flat = re.sub(r"\s+", "", ln.text).lstrip("#")
        m = TITLE_TAIL.search(flat)
        if not m:
            continue
        prefix = flat[: m.start()]
        # A title broken over two lines: 淮安市人民政府 / 2024 年政府信息公开工作年度报告.
        if not prefix and i > 0:
            prev = re.sub(r"\s+", "", lines[i - 1].text).lstrip("#")
            if re.search(r"(政府|局|委员会|办公室|管委会|办事处|厅|委|院|中心)$", prev) and len(prev) <= 40:
                prefix = prev
        yield prefix, int(m.group(1)), (prefix + flat[m.start():]) if prefix else flat


def read_metadata(doc: Document) -> ReportMeta:
    meta = ReportMeta()
    for prefix, year, title in _title_candidates(doc):
        meta.title, meta.year = title, year
        if prefix:
            meta.agency = prefix
            meta.region = split_agency(prefix)[0]
        break
    if meta.year is None:
        head = re.sub(r"\s+", "", "".join(ln.text for ln in doc.lines[:80]))
        m = PERIOD_RE.search(head)
        if m:
            meta.year = int(m.group(1))
    body = "".join(ln.text for ln in doc.lines)
    flat = re.sub(r"\s+", "", body)
    if FORM_2021_MARKERS.search(flat):
        meta.form = 2021
    elif FORM_2019_MARKERS.search(flat):
        meta.form = 2019
    return meta


def load_sidecar(path: Path) -> dict:
    side = path.with_name(path.name + ".meta.json")
    if not side.exists():
        side = path.with_suffix(".meta.json")
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise MetadataMissing(f"sidecar {side.name} is not valid JSON: {e}") from None
    if not isinstance(data, dict):
        raise MetadataMissing(f"sidecar {side.name} must hold a JSON object")
    return data


def resolve_metadata(doc: Document, overrides: dict | None = None, read: ReportMeta | None = None) -> ReportMeta:
    """The document's metadata (`read`, if already read) completed by sidecar and overrides."""
    meta = read if read is not None else read_metadata(doc)
    sidecar = load_sidecar(doc.path)
    if sidecar:
        meta = meta.merged(sidecar, "sidecar")
    if overrides:
        meta = meta.merged(overrides, "override")
    if meta.agency and not meta.region:
        meta.region = split_agency(meta.agency)[0]
    if meta.form is None and meta.year is not None:
        meta.form = 2021 if meta.year >= 2021 else 2019
    if meta.year is None:
        m = re.search(r"(?<!\d)(20\d{2})(?!\d)", doc.path.stem)
        if m:
            meta.year = int(m.group(1))
            meta.source += "+filename"
    if meta.year is None:
        raise MetadataMissing("cannot tell which year the report covers: no title with a year and no "
                              "statistics period; pass --year or add a sidecar "
                              f"{doc.path.name}.meta.json")
    if not meta.agency:
        raise MetadataMissing("cannot tell which agency published the report (no title line); "
                              f"pass --agency or add a sidecar {doc.path.name}.meta.json")
    return meta


def looks_like_report(doc: Document, sections_found: int, meta_title: str | None) -> None:
    if sections_found >= 2 or (meta_title and sections_found >= 1):
        return
    raise NotAReport("not a government information disclosure annual report: no 政府信息公开工作年度报告 "
                     f"title and {sections_found} of the six canonical sections found")
