"""A linear model over TF-IDF text features, loaded from an ``.npz`` without pickle.

The file (written by ``scripts/train_coach_model.py``) holds, per feature
block of :mod:`porchlight.language.features`, the vocabulary as UTF-8 bytes
(one term a line) and the IDF weights; then ``coef`` (features x heads),
``intercept`` (heads) and ``meta`` (JSON bytes: head names, block layout,
training notes). ``numpy.load(..., allow_pickle=False)`` reads only plain
arrays, so loading a model never runs code.

Scoring reproduces scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``
(TF = 1 + log(count), times IDF, L2-normalised) per block, then one dot
product per head.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from porchlight.language import features


@dataclass
class _Block:
    name: str
    index: dict[str, int]
    idf: np.ndarray
    offset: int


class LinearTextModel:
    def __init__(self, blocks: list[_Block], coef: np.ndarray, intercept: np.ndarray, meta: dict):
        self.blocks = blocks
        self.coef = coef.astype(np.float64)
        self.intercept = intercept.astype(np.float64)
        self.meta = meta
        self.heads: tuple[str, ...] = tuple(meta["heads"])
        if self.coef.shape != (sum(len(b.index) for b in blocks), len(self.heads)):
            raise ValueError(f"coefficient shape {self.coef.shape} does not match the vocabulary")

    @classmethod
    def load(cls, path: Path) -> LinearTextModel:
        with np.load(path, allow_pickle=False) as npz:
            meta = json.loads(npz["meta"].tobytes().decode("utf-8"))
            blocks = []
            for spec in meta["blocks"]:
                name = spec["name"]
                if name not in features.BLOCKS:
                    raise ValueError(f"unknown feature block {name!r}")
                raw = npz[f"vocab_{name}"].tobytes().decode("utf-8")
                terms = raw.split("\n") if raw else []
                if len(terms) != spec["size"]:
                    raise ValueError(
                        f"vocabulary {name}: {len(terms)} terms, expected {spec['size']}"
                    )
                index = {t: i for i, t in enumerate(terms)}
                blocks.append(
                    _Block(name, index, npz[f"idf_{name}"].astype(np.float64), spec["offset"])
                )
            coef = npz["coef"]
            intercept = npz["intercept"]
        return cls(blocks, coef, intercept, meta)

    def logits(self, text: str) -> np.ndarray:
        out = self.intercept.copy()
        for block in self.blocks:
            counts = Counter(features.BLOCKS[block.name](text))
            idx: list[int] = []
            tf: list[float] = []
            for term, n in counts.items():
                j = block.index.get(term)
                if j is not None:
                    idx.append(j)
                    tf.append(1.0 + math.log(n))
            if not idx:
                continue
            cols = np.fromiter(idx, dtype=np.int64, count=len(idx))
            vals = np.fromiter(tf, dtype=np.float64, count=len(tf)) * block.idf[cols]
            norm = math.sqrt(float(vals @ vals))
            if norm > 0.0:
                out += (vals / norm) @ self.coef[block.offset + cols]
        return out

    def term_counts(self, text: str) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per block, the known terms' columns and raw counts. Counts of several pieces
        of a text can be summed with :meth:`logits_from_terms`."""
        out = []
        for block in self.blocks:
            counts = Counter(features.BLOCKS[block.name](text))
            known = [(block.index[t], n) for t, n in counts.items() if t in block.index]
            cols = np.fromiter((c for c, _ in known), dtype=np.int64, count=len(known))
            raw = np.fromiter((n for _, n in known), dtype=np.float64, count=len(known))
            out.append((cols, raw))
        return out

    def logits_from_terms(self, pieces: list[list[tuple[np.ndarray, np.ndarray]]]) -> np.ndarray:
        """Logits of the text made of these pieces (term counts from :meth:`term_counts`)."""
        out = self.intercept.copy()
        for b, block in enumerate(self.blocks):
            if len(pieces) == 1:
                cols, raw = pieces[0][b]
            else:
                joined = np.concatenate([piece[b][0] for piece in pieces])
                cols, inverse = np.unique(joined, return_inverse=True)
                raw = np.bincount(
                    inverse, weights=np.concatenate([piece[b][1] for piece in pieces])
                )
            if cols.size == 0:
                continue
            vals = (1.0 + np.log(raw)) * block.idf[cols]
            norm = math.sqrt(float(vals @ vals))
            if norm > 0.0:
                out += (vals / norm) @ self.coef[block.offset + cols]
        return out


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
