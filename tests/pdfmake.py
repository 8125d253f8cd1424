"""Small PDFs made on the fly for bad-input tests (reportlab, no files shipped)."""

from __future__ import annotations

from pathlib import Path


def text_pdf(path: Path, lines: list[str], encrypt_password: str | None = None) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    enc = StandardEncryption(encrypt_password, canPrint=0) if encrypt_password else None
    c = canvas.Canvas(str(path), encrypt=enc)
    c.setFont("STSong-Light", 12)
    y = 800
    for ln in lines:
        c.drawString(50, y, ln)
        y -= 18
    c.save()
    return path


def scanned_pdf(path: Path) -> Path:
    """Pages with only graphics, like a scan: no text layer at all."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for _ in range(2):
        for i in range(40):
            c.rect(50, 50 + i * 18, 400 - i * 5, 10, fill=1)
        c.showPage()
    c.save()
    return path
