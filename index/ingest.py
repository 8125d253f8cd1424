"""Ingest: files in, reports out. The Python API behind `nianbao ingest`.

    from index.ingest import ingest_paths
    summary = ingest_paths(["reports/"], Settings(data_dir="data"))

Per file: read → sections → metadata → cells → checks → chunks, all in memory; then one DuckDB
transaction writes the report with state 'indexing'; then Chroma gets its vectors; then the
state becomes 'complete'. A crash between the two stores leaves an 'indexing' report that the
next ingest finishes. A file that fails is reported and the batch goes on.
"""

from __future__ import annotations

import hashlib
import logging
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import template as T
from .checks import Check, mark_inconsistent, run_checks
from .chunks import Chunk, chunk_report
from .errors import IngestError, UnsupportedType
from .keywords import tokenize
from .metadata import ReportMeta, agency_key, looks_like_report, read_metadata, resolve_metadata
from .readers import Document, detect_type, read_document
from .sections import Section, split_sections
from .settings import Settings
from .store import Store, record_dict
from .tables import CellOut, extract_cells

log = logging.getLogger("nianbao.ingest")


@dataclass
class ParsedReport:
    report_id: str
    doc: Document
    meta: ReportMeta
    sections: list[Section]
    cells: list[CellOut]
    checks: list[Check]
    chunks: list[Chunk]


@dataclass
class FileResult:
    path: str
    status: str  # added | replaced | unchanged | repaired | failed | skipped
    report_id: str | None = None
    agency: str | None = None
    year: int | None = None
    form: int | None = None
    cells: int = 0
    cell_statuses: dict = field(default_factory=dict)
    failed_checks: int = 0
    chunks: int = 0
    error: str | None = None
    error_code: str | None = None


@dataclass
class IngestSummary:
    results: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict:
        return {"ok": self.ok, "results": [asdict(r) for r in self.results]}


def parse_report(path: Path, data: bytes | None = None, overrides: dict | None = None,
                 settings: Settings | None = None) -> ParsedReport:
    """Everything about one file, computed in memory. Raises IngestError for bad input."""
    settings = settings or Settings()
    doc = read_document(path, data)
    sections = split_sections(doc)
    canonical = len([s for s in sections if s.num > 0])
    read = read_metadata(doc)
    looks_like_report(doc, canonical, read.title)
    meta = resolve_metadata(doc, overrides, read)
    report_id = path.stem
    cells = extract_cells(doc, sections, meta.form)
    checks = run_checks(cells, meta.form)
    mark_inconsistent(cells, checks)
    chunks = chunk_report(report_id, sections, settings.chunk_target_chars, settings.chunk_max_chars)
    return ParsedReport(report_id, doc, meta, sections, cells, checks, chunks)


def iter_files(paths: Iterable[str | Path]) -> Iterable[tuple[Path, bool]]:
    """(file, named explicitly). Folders are walked in name order; hidden files and sidecars
    are left out."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts) \
                        and not f.name.endswith(".meta.json"):
                    yield f, False
        else:
            yield p, True


def _sections_rows(parsed: ParsedReport) -> list[dict]:
    rows = []
    for s in parsed.sections:
        p0, p1 = s.pages
        rows.append({"num": s.num, "label": T.section_label(s.num), "title": s.title, "page_start": p0,
                     "page_end": p1, "line_start": s.lines[0].line_no if s.lines else None,
                     "line_end": s.lines[-1].line_no if s.lines else None,
                     "text": "\n".join(ln.text for ln in s.lines)})
    return rows


def _chunk_rows(parsed: ParsedReport) -> list[dict]:
    m = parsed.meta
    return [{"chunk_id": c.chunk_id, "report_id": parsed.report_id, "section_num": c.section_num,
             "section": c.section, "subheadings": " > ".join(c.subheadings), "page": c.page,
             "line_start": c.line_start, "text": c.text, "tokens": " ".join(tokenize(c.text)),
             "agency": m.agency, "region": m.region, "year": m.year} for c in parsed.chunks]


class Ingestor:
    """Holds the store (and, lazily, the vector index) for one batch."""

    def __init__(self, store: Store, settings: Settings):
        self.store, self.settings = store, settings
        self._vectors = None

    @property
    def vectors(self):
        if self._vectors is None:
            from .embeddings import make_backend
            from .vectors import VectorIndex

            self._vectors = VectorIndex(self.store.data_dir, make_backend(self.settings))
        return self._vectors

    def repair(self) -> list[FileResult]:
        """Finish reports a crash left between DuckDB and Chroma."""
        out = []
        for rid in self.store.incomplete_reports():
            self.vectors.replace_report(rid, self.store.chunks(rid))
            self.store.set_state(rid, "complete")
            log.info("repaired %s", rid)
            out.append(FileResult(rid, "repaired", rid))
        return out

    def ingest_file(self, path: Path, explicit: bool, overrides: dict | None = None) -> FileResult:
        res = FileResult(str(path), "failed")
        try:
            if path.stat().st_size > self.settings.max_file_mb * 1024 * 1024:
                raise IngestError(f"file too large: {path.stat().st_size / 1e6:.1f} MB "
                                  f"(limit {self.settings.max_file_mb} MB)")
            data = path.read_bytes()
            try:
                detect_type(data)
            except UnsupportedType as e:
                if not explicit:  # a folder may hold other files (a .docx template, images)
                    return FileResult(str(path), "skipped", error=e.message, error_code=e.code)
                raise
            sha = hashlib.sha256(data).hexdigest()
            rid = path.stem
            prev = self.store.report_state(rid)
            if prev == (sha, "complete") and not overrides:
                return FileResult(str(path), "unchanged", rid)
            parsed = parse_report(path, data, overrides, self.settings)
            self.write(parsed, path, sha)
            res = _result(parsed, "replaced" if prev else "added", path)
        except IngestError as e:
            res.error, res.error_code = e.message, e.code
        except Exception as e:  # a bug, not bad input: say so, keep the batch going
            log.error("internal error on %s\n%s", path, traceback.format_exc())
            res.error, res.error_code = f"internal error: {e.__class__.__name__}: {e}", "internal_error"
        return res

    def write(self, parsed: ParsedReport, path: Path, sha: str) -> None:
        m = parsed.meta
        record = record_dict(
            report_id=parsed.report_id, source_path=str(path), sha256=sha, file_type=parsed.doc.file_type,
            title=m.title, agency=m.agency, region=m.region, agency_key=agency_key(m.agency, m.region),
            year=m.year, form=m.form, pages=parsed.doc.pages, metadata_source=m.source, state="indexing")
        chunk_rows = _chunk_rows(parsed)
        self.store.write_report(record, parsed.cells, parsed.checks, _sections_rows(parsed), chunk_rows)
        self.vectors.replace_report(parsed.report_id, chunk_rows)
        self.store.set_state(parsed.report_id, "complete")


def _result(parsed: ParsedReport, status: str, path: Path) -> FileResult:
    counts: dict[str, int] = {}
    for c in parsed.cells:
        counts[c.status] = counts.get(c.status, 0) + 1
    return FileResult(str(path), status, parsed.report_id, parsed.meta.agency, parsed.meta.year,
                      parsed.meta.form, len(parsed.cells), counts,
                      sum(1 for k in parsed.checks if k.status == "fail"), len(parsed.chunks))


def ingest_paths(paths: Iterable[str | Path], settings: Settings | None = None, overrides: dict | None = None,
                 on_file: Callable[[FileResult], None] | None = None,
                 on_start: Callable[[int], None] | None = None) -> IngestSummary:
    """Ingest files and folders into settings.data_dir. Never raises for one bad file; raises
    StoreBusy at once when another process holds the data dir."""
    settings = settings or Settings()
    files = list(iter_files(paths))
    summary = IngestSummary()
    if on_start:
        on_start(len(files))
    with Store.open(settings.data_dir, write=True, holder="ingest") as store:
        ing = Ingestor(store, settings)
        summary.results += ing.repair()
        for path, explicit in files:
            if not path.exists():
                res = FileResult(str(path), "failed", error="no such file or folder", error_code="not_found")
            else:
                res = ing.ingest_file(path, explicit, overrides)
            summary.results.append(res)
            if on_file:
                on_file(res)
        store.refresh_cross_year()
    return summary
