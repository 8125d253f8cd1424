"""Readers: PDF, plain text / markdown, and saved HTML pages, into one `Document`.

A Document is a list of text lines (normalised, with the raw text kept for quotes and with
provenance: page and bbox for PDFs, line number and character offset for text) plus the ruled
tables found in the file as grids of cells. The type comes from the bytes, not the extension.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CorruptPdf, EmptyFile, EncryptedPdf, NoTextLayer, UnsupportedType
from .normalize import normalize


@dataclass
class Line:
    text: str  # normalised
    raw: str  # as printed
    line_no: int  # 1-based, in file order (text) or reading order (PDF)
    page: int | None = None
    char_start: int | None = None  # offset of the line in the decoded file (text, HTML)
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom (PDF)


@dataclass
class Cell:
    text: str  # normalised
    raw: str
    bbox: tuple[float, float, float, float] | None = None


@dataclass
class Grid:
    """A ruled table. rows[i][j] is None where a merged (spanned) cell covers the position."""

    rows: list[list[Cell | None]]
    pages: list[int | None]  # page of each row
    line_index: int  # index in Document.lines where the table starts, for section assignment
    line_end: int = -1  # index just past the last line the table covers
    bottom: float | None = None  # PDF: the table's bottom edge on its page


@dataclass
class Document:
    path: Path
    file_type: str  # pdf | text | html
    lines: list[Line]
    grids: list[Grid] = field(default_factory=list)
    pages: int | None = None


# --- type detection ---------------------------------------------------------------------

_HTML_RE = re.compile(rb"<(?:!doctype\s+html|html|head|body|table|div|p)[\s>]", re.I)


def detect_type(data: bytes) -> str:
    """'pdf', 'html' or 'text', judged from the content. Raises for what we cannot read."""
    if not data.strip():
        raise EmptyFile("empty file: there is nothing to ingest")
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        raise UnsupportedType("unsupported file type: a ZIP container (Word, Excel or similar); "
                              "save the report as PDF or text")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedType("unsupported file type: an old Office document; save it as PDF or text")
    if head[:4] in (b"\x89PNG", b"GIF8") or head[:3] == b"\xff\xd8\xff":
        raise UnsupportedType("unsupported file type: an image; OCR is not supported")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedType("unsupported file type: binary data, not PDF, HTML or text")
    if _HTML_RE.search(data[:8192]):
        return "html"
    return "text"


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UnsupportedType("cannot decode the text: it is neither UTF-8 nor GB18030")


def read_document(path: Path, data: bytes | None = None) -> Document:
    data = path.read_bytes() if data is None else data
    kind = detect_type(data)
    if kind == "pdf":
        return read_pdf(path, data)
    text = decode_text(data)
    if kind == "html":
        return read_html(path, text)
    return read_text(path, text)


# --- text -------------------------------------------------------------------------------


def text_lines(text: str, start_line: int = 1) -> list[Line]:
    lines, offset = [], 0
    for i, raw in enumerate(text.split("\n")):
        raw_line = raw.rstrip("\r")
        lines.append(Line(normalize(raw_line), raw_line, start_line + i, None, offset))
        offset += len(raw) + 1
    return lines


def read_text(path: Path, text: str) -> Document:
    return Document(path, "text", text_lines(text))


# --- HTML -------------------------------------------------------------------------------


def _html_grid(table) -> list[list[Cell | None]]:
    """Expand rowspan/colspan into a rectangular grid; spanned positions are None."""
    grid: dict[tuple[int, int], Cell | None] = {}
    for r, tr in enumerate(table.find_all("tr")):
        c = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:
                c += 1
            raw = td.get_text(" ", strip=True)
            rs = max(1, int(td.get("rowspan", 1) or 1))
            cs = max(1, int(td.get("colspan", 1) or 1))
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = Cell(normalize(raw), raw) if dr == dc == 0 else None
            c += cs
    if not grid:
        return []
    nrows = max(r for r, _ in grid) + 1
    ncols = max(c for _, c in grid) + 1
    return [[grid.get((r, c), Cell("", "")) for c in range(ncols)] for r in range(nrows)]


def read_html(path: Path, text: str) -> Document:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    grids: list[list[list[Cell | None]]] = []
    for table in soup.find_all("table"):
        if table.find_parent("table") is not None:
            continue
        grids.append(_html_grid(table))
        table.replace_with(soup.new_string(f"\n[[nianbao-table-{len(grids) - 1}]]\n"))
    for br in soup.find_all("br"):
        br.replace_with("\n")
    body = soup.body or soup
    lines: list[Line] = []
    doc_grids: list[Grid] = []
    for raw in body.get_text("\n").split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        m = re.fullmatch(r"\[\[nianbao-table-(\d+)\]\]", raw)
        if m:
            rows = grids[int(m.group(1))]
            doc_grids.append(Grid(rows, [None] * len(rows), len(lines), len(lines) + len(rows)))
            # The table's rows also become text lines, so the text parser can fall back on them.
            for row in rows:
                raw_row = "\t".join(c.raw for c in row if c is not None)
                lines.append(Line(normalize(raw_row), raw_row, len(lines) + 1))
            continue
        lines.append(Line(normalize(raw), raw, len(lines) + 1))
    return Document(path, "html", lines, doc_grids)


# --- PDF --------------------------------------------------------------------------------


def read_pdf(path: Path, data: bytes) -> Document:
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # forces the page tree to be read
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower() \
                or "encrypt" in str(cause).lower():
            raise EncryptedPdf("encrypted PDF: it needs a password to open; "
                               "save an unprotected copy and ingest that") from None
        raise CorruptPdf(f"corrupt PDF: {cause.__class__.__name__}: {cause}".rstrip(": ")) from None
    except Exception as e:  # pdfminer raises many types on damaged files
        raise CorruptPdf(f"corrupt PDF: {e.__class__.__name__}: {e}") from None

    lines: list[Line] = []
    grids: list[Grid] = []
    any_text = False
    with pdf:
        try:
            for pno, page in enumerate(pdf.pages, start=1):
                if page.chars:
                    any_text = True
                page_lines = page.extract_text_lines(return_chars=False)
                tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
                ti = 0
                for pl in page_lines:
                    while ti < len(tables) and tables[ti].bbox[1] <= pl["top"]:
                        grids.append(_pdf_grid(tables[ti], pno, len(lines)))
                        ti += 1
                    raw = pl["text"]
                    lines.append(Line(normalize(raw), raw, len(lines) + 1, pno, None,
                                      (pl["x0"], pl["top"], pl["x1"], pl["bottom"])))
                for t in tables[ti:]:
                    grids.append(_pdf_grid(t, pno, len(lines)))
                for g in grids:
                    if g.line_end < 0:  # ends at the last line above the table's bottom edge
                        g.line_end = max([g.line_index] + [i + 1 for i in range(g.line_index, len(lines))
                                                           if lines[i].page == pno and lines[i].bbox[1] < g.bottom])
        except Exception as e:  # pdfminer raises many types on damaged page content
            raise CorruptPdf(f"corrupt PDF: cannot read page content ({e.__class__.__name__}: {e})") from None
        pages = len(pdf.pages)
    if not any_text:
        raise NoTextLayer(f"no text layer; OCR is not supported ({pages} page(s) of images only)")
    return Document(path, "pdf", lines, grids, pages)


def _pdf_grid(table, page_no: int, line_index: int) -> Grid:
    texts = table.extract()
    rows: list[list[Cell | None]] = []
    for r, row in enumerate(texts):
        cells_bbox = table.rows[r].cells if r < len(table.rows) else [None] * len(row)
        out: list[Cell | None] = []
        for c, txt in enumerate(row):
            bbox = cells_bbox[c] if c < len(cells_bbox) else None
            if txt is None:
                out.append(None)
            else:
                out.append(Cell(normalize(txt), txt, tuple(bbox) if bbox else None))
        rows.append(out)
    return Grid(rows, [page_no] * len(rows), line_index, bottom=table.bbox[3])
