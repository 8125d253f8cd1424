"""The jieba keyword side of hybrid retrieval: tokens stored with each chunk in DuckDB, and a
BM25 index (rank_bm25) built from them when a searcher needs it."""

from __future__ import annotations

import logging
import re

import jieba

jieba.setLogLevel(logging.WARNING)
_WORD = re.compile(r"[\w\u3400-\u9fff]")
STOPWORDS = frozenset("的 了 和 与 及 在 是 对 等 为 将 并 把 被 中 也 有 我 我们 其 之 或 个 年 月 日 多少 什么 如何 怎么 哪些".split())


def tokenize(text: str) -> list[str]:
    return [t.lower() for t in jieba.lcut_for_search(text)
            if _WORD.search(t) and t.strip() and t not in STOPWORDS]


class KeywordIndex:
    """BM25 over chunk tokens. Build from rows with `chunk_id` and `tokens` (space-joined)."""

    def __init__(self, rows: list[dict]):
        from rank_bm25 import BM25Okapi

        self.rows = rows
        docs = [r["tokens"].split() for r in rows]
        self.bm25 = BM25Okapi(docs) if docs else None

    def search(self, query: str, k: int = 10, where=None) -> list[tuple[dict, float]]:
        if self.bm25 is None:
            return []
        scores = self.bm25.get_scores(tokenize(query))
        ranked = sorted(((r, s) for r, s in zip(self.rows, scores) if s > 0 and (where is None or where(r))),
                        key=lambda x: -x[1])
        return ranked[:k]
