"""Per-file errors. Each says what is wrong with that file, in words a user can act on."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be ingested. The rest of the batch goes on."""

    code = "ingest_error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EmptyFile(IngestError):
    code = "empty_file"


class UnsupportedType(IngestError):
    code = "unsupported_type"


class CorruptPdf(IngestError):
    code = "corrupt_pdf"


class EncryptedPdf(IngestError):
    code = "encrypted_pdf"


class NoTextLayer(IngestError):
    code = "no_text_layer"


class NotAReport(IngestError):
    code = "not_a_report"


class MetadataMissing(IngestError):
    code = "metadata_missing"


class StoreBusy(Exception):
    """The data directory is held by another nianbao process (a server or another ingest)."""
