"""Score a fine-tuned MiniLM risk model through the product's `analyse` (issue #18).

Experiment, not product code. The encoder is trained by
``benchmarks/risk_transformer_train.py`` and exported by
``benchmarks/risk_transformer_export.py`` (both need PyTorch); this script runs in the
product environment with ``onnxruntime`` and ``tokenizers`` only:

    .venv/bin/python benchmarks/risk_transformer.py quantize risk.onnx risk.int8.onnx
    .venv/bin/python benchmarks/risk_transformer.py evaluate --onnx risk.int8.onnx \
        --linear porchlight/language/models/risk.npz --set dev
    .venv/bin/python benchmarks/risk_transformer.py latency --onnx risk.int8.onnx

The transformer reads exactly the parts the linear model reads
(:func:`porchlight.language.risk_model.plan`: each sentence or chunk, each pair of
neighbouring ones, the whole text when short), all of one entry in one batched run.
Its 4-way softmax gives the same level heads as the linear model (P(watch or worse),
P(urgent or worse), P(act_now)); "transformer" uses them alone, "ensemble" averages
them with the linear model's. Categories and who at risk stay the linear model's.
Everything else — rules floor, fail-safe, language check — is `analyse` unchanged:
the adapter is put where `risk_model.model()` is.

Prints only scores and counts, never text of the development set.
"""

from __future__ import annotations

import argparse
import functools
import json
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))

from porchlight.language import risk, risk_model  # noqa: E402
from porchlight.language.risk_model import PartScore, RiskModel  # noqa: E402

MAX_TOKENS = 96
BATCH = 32
LEVEL = ("ge_watch", "ge_urgent", "act_now")


class TransformerScorer:
    """ONNX encoder + tokenizer: part texts -> (parts x 3) level-head probabilities."""

    def __init__(self, onnx_path: Path, tokenizer_path: Path):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106

    def heads(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 3))
        if len(texts) > BATCH:  # bounded memory for very long texts
            chunks = [texts[i : i + BATCH] for i in range(0, len(texts), BATCH)]
            return np.vstack([self.heads(chunk) for chunk in chunks])
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        logits = self.session.run(["level"], {"input_ids": ids, "attention_mask": mask})[0]
        logits = logits - logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        return np.stack([1 - p[:, 0], p[:, 2] + p[:, 3], p[:, 3]], axis=1)


class CombinedModel:
    """Stands in for `risk_model.model()`: level heads from the transformer (weight 1)
    or an average with the linear model's; categories, who and vocabulary from the
    linear model."""

    def __init__(
        self,
        linear: RiskModel,
        scorer: TransformerScorer | None,
        weight: float,
        thresholds: dict[str, float],
        cache: dict[str, np.ndarray] | None = None,
    ):
        self.linear = linear
        self.scorer = scorer
        self.weight = weight
        self.thresholds = thresholds
        self.cache = cache if cache is not None else {}

    @property
    def vocabulary(self) -> frozenset[str]:
        return self.linear.vocabulary

    def level(self, probabilities: dict[str, float]) -> str:
        return RiskModel.level(self, probabilities)  # type: ignore[arg-type]

    def categories(self, probabilities: dict[str, float]) -> list[str]:
        return self.linear.categories(probabilities)

    def who(self, probabilities: dict[str, float]) -> tuple[str, float]:
        return self.linear.who(probabilities)

    def transformer_heads(self, text: str, planned) -> np.ndarray:
        if text not in self.cache:
            assert self.scorer is not None
            self.cache[text] = self.scorer.heads([text[p.start : p.end] for p, _ in planned])
        return self.cache[text]

    def score(self, text: str) -> list[PartScore]:
        key = "linear:" + text
        if key not in self.cache:
            self.cache[key] = self.linear.score(text)  # type: ignore[assignment]
        linear_scores: list[PartScore] = self.cache[key]  # type: ignore[assignment]
        if self.weight == 0:
            planned_heads = None
        else:
            planned = risk_model.plan(risk_model.units(text))
            planned_heads = self.transformer_heads(text, planned)
        out = []
        for n, scored in enumerate(linear_scores):
            probabilities = dict(scored.probabilities)
            if planned_heads is not None:
                for k, head in enumerate(LEVEL):
                    probabilities[head] = (1 - self.weight) * probabilities[
                        head
                    ] + self.weight * float(planned_heads[n, k])
            out.append(PartScore(scored.part, self.level(probabilities), probabilities))
        return out


def install(model: object) -> None:
    if hasattr(risk_model.model, "cache_clear"):
        risk_model.model.cache_clear()
    risk._known_words.cache_clear()
    risk_model.model = lambda: model  # type: ignore[assignment]


def figures(items, predicted) -> dict:
    import risk as bench

    report = bench.score(items, predicted)
    return {
        k: round(report[k], 4)
        for k in ("recall_serious", "recall_act_now", "false_alarm_serious", "watch_as_act_now")
    }


def run(items, model) -> dict[str, str]:
    install(model)
    return {i.id: risk.analyse(i.text).level for i in items}


def quantize(args) -> int:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(args.fp32), str(args.int8), weight_type=QuantType.QInt8)
    print("wrote", args.int8, args.int8.stat().st_size / 1e6, "MB")
    return 0


def load_items(name: str):
    import train_risk_model as trm

    if name == "dev":
        return trm.load_corpus("dev_*.jsonl")
    # A training writer, for a model trained without it (held-out writer).
    return [s for s in trm.load_training() if s.group == name]


def evaluate(args) -> int:
    items = load_items(args.set)
    linear = RiskModel.load(args.linear)
    scorer = (
        None
        if max(args.weights) == 0
        else TransformerScorer(args.onnx, args.onnx.parent / "tokenizer.json")
    )
    cache: dict[str, np.ndarray] = {}
    # The rules are a pure function of the text: read each text once for the sweep.
    risk.analyse_rules = functools.cache(risk.analyse_rules)
    started = time.perf_counter()
    warm = CombinedModel(linear, scorer, max(args.weights), linear.thresholds, cache)
    for item in items:
        warm.score(item.text)
    print(f"transformer parts scored in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    grid = [round(x, 2) for x in np.arange(0.40, 0.901, 0.05)]
    results = []
    for weight in args.weights:
        for urgent in grid:
            for act in grid:
                thresholds = {"watch": linear.thresholds["watch"], "urgent": urgent, "act_now": act}
                if args.fixed and (urgent, act) not in args.fixed:
                    continue
                model = CombinedModel(linear, scorer, weight, thresholds, cache)
                fig = figures(items, run(items, model))
                results.append({"weight": weight, "urgent": urgent, "act_now": act, **fig})
    out = {"set": args.set, "onnx": str(args.onnx), "linear": str(args.linear), "grid": results}
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    for weight in args.weights:
        rows = [r for r in results if r["weight"] == weight]
        for floor in ((0.97, 0.92), (0.98, 0.95), (0.99, 0.96)):
            ok = [
                r
                for r in rows
                if r["recall_serious"] >= floor[0] and r["recall_act_now"] >= floor[1]
            ]
            best = min(
                ok, key=lambda r: (r["false_alarm_serious"], -r["recall_serious"]), default=None
            )
            print(f"weight {weight} best FA with recall>={floor[0]}, act>={floor[1]}: {best}")
        if args.fixed:
            for r in rows:
                print(r)
    return 0


def latency(args) -> int:
    import train_risk_model as trm

    # Training texts (allowed to read): entries of 1-200 words, and longer joins.
    items = trm.load_training()
    linear = RiskModel.load(args.linear)
    started = time.perf_counter()
    scorer = TransformerScorer(args.onnx, args.onnx.parent / "tokenizer.json")
    scorer.heads(["warm up"])
    load_s = time.perf_counter() - started
    model = CombinedModel(linear, scorer, args.weights[0], linear.thresholds, cache=None)
    install(model)
    texts = [i.text for i in items if 1 <= len(i.text.split()) <= 200][:: args.every]
    samples, cpu = [], []
    for text in texts:
        model.cache.clear()
        t, c = time.perf_counter(), time.process_time()
        risk.analyse(text)
        samples.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    samples.sort()
    cpu.sort()
    words = sorted(len(t.split()) for t in texts)
    long_text = " ".join(i.text for i in items)[:20000]
    model.cache.clear()
    t = time.perf_counter()
    risk.analyse(long_text)
    print(
        json.dumps(
            {
                "onnx": str(args.onnx),
                "size_mb": round(args.onnx.stat().st_size / 1e6, 1),
                "load_s": round(load_s, 3),
                "entries": len(texts),
                "words_median": words[len(words) // 2],
                "latency_median_ms": round(statistics.median(samples), 1),
                "latency_p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 1),
                "cpu_median_ms": round(statistics.median(cpu), 1),
                "cpu_p95_ms": round(cpu[int(0.95 * (len(cpu) - 1))], 1),
                "load_average": round(__import__("os").getloadavg()[0], 1),
                "latency_20000_chars_ms": round((time.perf_counter() - t) * 1000),
                "resident_memory_mb": round(
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                ),
            }
        )
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    q = sub.add_parser("quantize")
    q.add_argument("fp32", type=Path)
    q.add_argument("int8", type=Path)
    for name in ("evaluate", "latency"):
        p = sub.add_parser(name)
        p.add_argument("--onnx", type=Path, required=True)
        p.add_argument("--linear", type=Path, default=risk_model.MODEL_PATH)
        p.add_argument("--weights", type=float, nargs="+", default=[1.0, 0.5])
    e = sub.choices["evaluate"]
    e.add_argument("--set", default="dev", help="dev, or a training writer held out (w5)")
    e.add_argument("--json", type=Path)
    e.add_argument("--fixed", type=lambda s: [tuple(map(float, s.split(",")))], default=None)
    sub.choices["latency"].add_argument("--every", type=int, default=4)
    args = parser.parse_args()
    return {"quantize": quantize, "evaluate": evaluate, "latency": latency}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
