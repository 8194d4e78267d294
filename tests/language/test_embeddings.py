"""The static-embedding reader (measured for the coach, not shipped): tokens, vectors, loading."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest

from porchlight.language import behaviour, embeddings
from porchlight.language.behaviour import BehaviourClassifier
from porchlight.language.embeddings import StaticEmbeddings, basic_tokens

VOCAB = ["!", "?", "a", "e", "o", "r", "s", "y", "##a", "##e", "##o", "##r", "##s", "##y",
         "you", "sorry", "so", "##rry"]  # fmt: skip


def table() -> StaticEmbeddings:
    rng = np.random.default_rng(0)
    return StaticEmbeddings(VOCAB, rng.normal(size=(len(VOCAB), 4)).astype(np.float16), {})


def test_basic_tokens_lowercase_strip_accents_and_split_punctuation():
    assert basic_tokens("Café, you're SO sorry?!") == [
        "cafe", ",", "you", "'", "re", "so", "sorry", "?", "!"
    ]  # fmt: skip
    assert basic_tokens("a\u200bb\tc") == ["ab", "c"]


def test_wordpiece_longest_match_then_pieces():
    t = table()
    ids = t.token_ids("You sorry? Soy")
    assert [VOCAB[i] for i in ids] == ["you", "sorry", "?", "so", "##y"]


def test_a_word_that_cannot_be_split_adds_nothing():
    t = table()
    assert t.token_ids("\U0001f525 you") == t.token_ids("you")
    assert not t.encode("\U0001f525").any()


def test_vector_is_the_normalised_mean_of_token_vectors():
    t = table()
    v = t.vectors[[VOCAB.index("you"), VOCAB.index("so")]].astype(np.float64).mean(axis=0)
    got = t.encode("you so")
    assert np.allclose(got, v / np.linalg.norm(v))
    assert np.isclose(np.linalg.norm(got), 1.0)


def _write(path, arrays):
    with zipfile.ZipFile(path, "w") as zf:
        for name, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, arr, allow_pickle=False)
            zf.writestr(f"{name}.npy", buf.getvalue())


def test_load_round_trip_without_pickle(tmp_path):
    t = table()
    path = tmp_path / "table.npz"
    meta = {"licence": "Apache-2.0"}
    _write(
        path,
        {
            "vocab": np.frombuffer("\n".join(VOCAB).encode(), np.uint8),
            "vectors": t.vectors.astype(np.float16),
            "meta": np.frombuffer(json.dumps(meta).encode(), np.uint8),
        },
    )
    loaded = StaticEmbeddings.load(path)
    assert loaded.meta == meta
    assert np.allclose(loaded.encode("sorry you"), t.encode("sorry you"))


def test_mismatched_table_is_refused():
    with pytest.raises(ValueError, match="tokens but"):
        StaticEmbeddings(VOCAB[:3], np.zeros((4, 2), np.float16), {})


def test_embedding_block_adds_to_the_logits(tmp_path):
    """A behaviour model with an embedding block adds embedding @ emb_coef to its logits."""
    shipped = behaviour.MODEL_PATH
    t = table()
    with np.load(shipped, allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    heads = arrays["intercept"].shape[0]
    emb_coef = np.zeros((t.dim, heads), np.float32)
    emb_coef[:, 1] = 5.0 * t.encode("you sorry")  # pushes "reflection" for this text
    arrays["emb_coef"] = emb_coef
    path = tmp_path / "with_block.npz"
    _write(path, arrays)
    plain = BehaviourClassifier.load(shipped)
    with_block = BehaviourClassifier.load(path, t)
    diff = with_block.logits("you sorry") - plain.logits("you sorry")
    assert np.isclose(diff[1], 5.0, atol=1e-3)
    assert np.allclose(np.delete(diff, 1), 0.0)
    with pytest.raises(ValueError, match="no matching table"):
        BehaviourClassifier(plain.model, emb_coef, StaticEmbeddings(VOCAB, np.zeros((18, 2)), {}))


def test_the_shipped_coach_model_has_no_embedding_block():
    """Static embeddings were measured and not adopted (docs/adr/0005)."""
    assert behaviour.get_classifier().emb_coef is None
    assert not embeddings.MODEL_PATH.exists()
