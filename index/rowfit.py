"""Fit the figures a source prints for one table row to the row's cells.

Real reports print a row with the right number of figures, one too many, one too few, or with
the separators lost so digits run together (`230 000023` is 23 0 0 0 0 0 23). We enumerate every
reading the printed characters allow, keep those that satisfy the row identity (parts = total),
and leave the rest to the cross-row pass in `tables.py`. A row that still has several readings
yields ambiguous cells: we never pick one silently.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Callable

Vector = tuple  # one value per cell; None = not printed and not derivable


@dataclass(frozen=True)
class Reading:
    values: Vector
    how: str  # "" when printed exactly as the form lays it out, else a note for the user


def _splits(digits: str, parts: int, max_len: int = 7):
    """Ways to cut a run of digits into `parts` numbers without leading zeros."""
    if parts == 1:
        if len(digits) <= max_len and (digits == "0" or not digits.startswith("0")):
            yield (digits,)
        return
    for i in range(1, min(max_len, len(digits) - parts + 1) + 1):
        head = digits[:i]
        if head != "0" and head.startswith("0"):
            break
        for rest in _splits(digits[i:], parts - 1, max_len):
            yield (head,) + rest


def _compositions(tokens: list[str], n: int):
    """Cut each token into ≥1 numbers so that there are n in all (token boundaries are real)."""
    splittable = [t.isdigit() for t in tokens]
    extra = n - len(tokens)
    if extra < 0:
        return
    # distribute `extra` additional cuts over splittable tokens
    idx = [i for i, s in enumerate(splittable) if s]
    for combo in itertools.combinations_with_replacement(idx, extra):
        counts = [1] * len(tokens)
        for i in combo:
            counts[i] += 1
        per_token = [list(_splits(t, c)) if c > 1 else [(t,)] for t, c in zip(tokens, counts)]
        if any(not p for p in per_token):
            continue
        for pieces in itertools.product(*per_token):
            yield tuple(x for piece in pieces for x in piece)


def readings(tokens: list[str], n: int, parse: Callable[[str], float],
             holds: Callable[[Vector], bool] | None, solve: Callable[[Vector], Vector | None] | None,
             limit: int = 20000) -> list[Reading]:
    """Every reading of the printed tokens as n cells that the row identity allows.

    holds(values) tells whether a full vector satisfies the row identity (None: no identity).
    solve(values with one None) fills the one unprinted cell from the identity, or returns None.
    """
    k = len(tokens)
    vals = [parse(t) for t in tokens]
    if k == n:
        return [Reading(tuple(vals), "")]
    out: list[Reading] = []
    if k > n:
        if holds is None:
            return []
        drop = k - n
        for pos in itertools.combinations(range(k), drop):
            v = tuple(x for i, x in enumerate(vals) if i not in pos)
            if holds(v):
                out.append(Reading(v, f"row prints {k} figures for {n} cells "
                                      f"({' '.join(tokens)}); the row identity decides which is extra"))
        return _dedupe(out)
    # k < n: either digits ran together, or cells were not printed.
    if holds is not None:
        for count, pieces in enumerate(_compositions(tokens, n)):
            if count > limit:
                break
            v = tuple(parse(p) for p in pieces)
            if holds(v):
                out.append(Reading(v, f"figures run together in the source ({' '.join(tokens)}); "
                                      "split by the row identity"))
    if solve is not None and n - k == 1:
        for pos in range(n):
            v = list(vals)
            v.insert(pos, None)
            solved = solve(tuple(v))
            if solved is not None:
                out.append(Reading(solved, f"row prints {k} figures for {n} cells ({' '.join(tokens)}); "
                                           "the row identity fixes the unprinted cell"))
    return _dedupe(out)


def _dedupe(readings_: list[Reading]) -> list[Reading]:
    seen: dict[Vector, Reading] = {}
    for r in readings_:
        seen.setdefault(r.values, r)
    return list(seen.values())


def sum_identity(n_parts: int) -> tuple[Callable[[Vector], bool], Callable[[Vector], Vector | None]]:
    """parts[0..n_parts-1] sum to the last cell; values must be non-negative counts."""

    def holds(v: Vector) -> bool:
        return all(x is not None and x >= 0 for x in v) and abs(sum(v[:n_parts]) - v[n_parts]) < 1e-9

    def solve(v: Vector) -> Vector | None:
        i = v.index(None)
        known = [x for x in v if x is not None]
        if any(x < 0 for x in known):
            return None
        if i == n_parts:
            x = sum(v[:n_parts])
        else:
            x = v[n_parts] - sum(y for j, y in enumerate(v[:n_parts]) if j != i)
        if x < 0:
            return None
        out = list(v)
        out[i] = x
        return tuple(out)

    return holds, solve


def grouped_sum_identity(groups: int, n_parts: int):
    """The review table's one printed line: `groups` rows of (n_parts, total)."""
    size = n_parts + 1
    h1, _ = sum_identity(n_parts)

    def holds(v: Vector) -> bool:
        return all(h1(v[g * size:(g + 1) * size]) for g in range(groups))

    return holds, None
