"""The Chroma index of narrative chunks, in `<data dir>/chroma`.

Chroma's default embedding function downloads a model, so we never let it embed: vectors come
from our backend and the collection is created without an embedding function. One collection
per backend, since vectors of different models do not mix.
"""

from __future__ import annotations

from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings

from .embeddings import EmbeddingBackend


def _meta(c: dict) -> dict:
    m = {"report_id": c["report_id"], "agency": c.get("agency") or "", "region": c.get("region") or "",
         "year": int(c["year"]), "section_num": int(c["section_num"]), "section": c["section"],
         "subheadings": c.get("subheadings") or ""}
    if c.get("page") is not None:
        m["page"] = int(c["page"])
    if c.get("line_start") is not None:
        m["line_start"] = int(c["line_start"])
    return m


class VectorIndex:
    def __init__(self, data_dir: Path, backend: EmbeddingBackend):
        self.client = chromadb.PersistentClient(
            path=str(Path(data_dir) / "chroma"),
            settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False))
        self.backend = backend
        self.collection = self.client.get_or_create_collection(
            f"chunks_{backend.name}".replace("/", "_")[:60], embedding_function=None,
            metadata={"hnsw:space": "cosine", "backend": backend.name, "dim": backend.dim})

    def replace_report(self, report_id: str, chunks: list[dict]) -> None:
        """Make the report's vectors exactly `chunks`: upsert by id, drop ids no longer there."""
        old = set(self.collection.get(where={"report_id": report_id}, include=[])["ids"])
        new_ids = [c["chunk_id"] for c in chunks]
        stale = sorted(old - set(new_ids))
        if stale:
            self.collection.delete(ids=stale)
        if chunks:
            vecs = self.backend.embed_passages([c["text"] for c in chunks])
            self.collection.upsert(ids=new_ids, embeddings=vecs, documents=[c["text"] for c in chunks],
                                   metadatas=[_meta(c) for c in chunks])

    def delete_report(self, report_id: str) -> None:
        self.collection.delete(where={"report_id": report_id})

    def count(self, report_id: str | None = None) -> int:
        if report_id is None:
            return self.collection.count()
        return len(self.collection.get(where={"report_id": report_id}, include=[])["ids"])

    def search(self, query: str, k: int = 10, where: dict | None = None) -> list[dict]:
        res = self.collection.query(query_embeddings=[self.backend.embed_query(query)], n_results=k,
                                    where=where, include=["documents", "metadatas", "distances"])
        return [{"chunk_id": i, "text": d, "distance": dist, **m}
                for i, d, m, dist in zip(res["ids"][0], res["documents"][0], res["metadatas"][0],
                                         res["distances"][0])]
