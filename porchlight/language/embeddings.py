"""Static sentence embeddings: a table lookup and a mean, in numpy.

The table (``models/coach_static_embeddings.npz``) is a model2vec static model
distilled once from all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) by
``scripts/distil_static_embeddings.py``, which needs PyTorch and runs in its
own virtual environment; the product only reads the table. The file holds the
WordPiece vocabulary as UTF-8 bytes (one token a line), the token vectors
(float16, reduced by PCA) and JSON ``meta`` (source, licence, the command that
made it); it is read with ``numpy.load(..., allow_pickle=False)``, so loading
never runs code.

A sentence's vector is the mean of its tokens' vectors, L2-normalised, as in
``model2vec.StaticModel.encode``. Tokens come from a plain-Python copy of the
BERT uncased tokenizer (lower-case, strip accents, split off punctuation, then
greedy longest-match WordPiece). The vocabulary was cut to the tokens the
training text and common English need; a word made of tokens that were cut is
split into the shorter pieces that remain, and every single character the
full vocabulary had is kept, so any Latin text gets a vector. A word that
cannot be split (an emoji, most other scripts) adds nothing, as model2vec
leaves BERT's unknown token out; text with no known token gets zeros.
"""

from __future__ import annotations

import json
import threading
import unicodedata
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent / "models" / "coach_static_embeddings.npz"
MAX_WORD_CHARS = 100  # as BERT's WordPiece: a longer "word" is unknown
MAX_CHARS = 2000


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def basic_tokens(text: str) -> list[str]:
    """BERT's basic tokenizer for uncased models: clean, lower-case, strip accents,
    split on whitespace and punctuation, CJK characters on their own."""
    out: list[str] = []
    word: list[str] = []

    def flush() -> None:
        if word:
            out.append("".join(word))
            word.clear()

    for ch in unicodedata.normalize("NFD", text.lower()):
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if ch in " \t\n\r" or cat == "Zs":
            flush()
        elif cat in ("Cc", "Cf", "Mn"):  # control and format characters, accents
            continue
        elif _is_punctuation(ch) or _is_cjk(cp):
            flush()
            out.append(ch)
        else:
            word.append(ch)
    flush()
    return out


class StaticEmbeddings:
    def __init__(self, vocab: list[str], vectors: np.ndarray, meta: dict):
        if len(vocab) != vectors.shape[0]:
            raise ValueError(f"{len(vocab)} tokens but {vectors.shape[0]} vectors")
        self.index = {t: i for i, t in enumerate(vocab)}
        self.vectors = vectors.astype(np.float32)
        self.meta = meta
        self.dim = int(vectors.shape[1])
        self._max_piece = max(len(t) for t in vocab)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> StaticEmbeddings:
        with np.load(path, allow_pickle=False) as npz:
            meta = json.loads(npz["meta"].tobytes().decode("utf-8"))
            vocab = npz["vocab"].tobytes().decode("utf-8").split("\n")
            vectors = npz["vectors"]
        return cls(vocab, vectors, meta)

    def wordpiece(self, word: str) -> list[int]:
        """Greedy longest-match-first WordPiece ids of one word; none if it cannot be split
        (BERT's [UNK], which model2vec leaves out of the mean)."""
        if len(word) > MAX_WORD_CHARS:
            return []
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = min(len(word), start + self._max_piece)
            found = None
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.index.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return []
            ids.append(found)
            start = end
        return ids

    def token_ids(self, text: str) -> list[int]:
        return [i for w in basic_tokens(text[:MAX_CHARS]) for i in self.wordpiece(w)]

    def encode(self, text: str) -> np.ndarray:
        """The L2-normalised mean of the token vectors (zeros when there are none)."""
        ids = self.token_ids(text)
        if not ids:
            return np.zeros(self.dim, dtype=np.float64)
        v = self.vectors[ids].mean(axis=0, dtype=np.float64)
        norm = float(np.sqrt(v @ v))
        return v / norm if norm > 0 else v


_model: StaticEmbeddings | None = None
_lock = threading.Lock()


def get_model() -> StaticEmbeddings:
    """The shipped table, loaded once per process (thread-safe)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = StaticEmbeddings.load(MODEL_PATH)
    return _model


def encode(text: str) -> np.ndarray:
    return get_model().encode(text)
