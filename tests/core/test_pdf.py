from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from porchlight.core.pdf import html_to_pdf

ROOT = Path(__file__).resolve().parents[2]
STYLESHEET = ROOT / "porchlight/safety/pdf/safety_plan.css"


def images_in(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(BytesIO(pdf)).pages)


def test_pdf_loads_no_file_named_in_its_html(tmp_path: Path) -> None:
    picture = tmp_path / "private.png"
    Image.new("RGB", (8, 8), "red").save(picture)
    html = f'<p>Plan</p><img src="{picture.as_uri()}" alt="">'

    from weasyprint import HTML  # noqa: PLC0415  what WeasyPrint does on its own, to show the test can fail

    assert images_in(HTML(string=html).write_pdf()) == 1
    assert images_in(html_to_pdf(html, STYLESHEET)) == 0


def test_pdf_still_uses_its_own_stylesheet() -> None:
    # The conversation card's stylesheet asks for A5 paper (148 mm = 419.5 pt wide).
    pdf = html_to_pdf("<h1>Plan</h1>", ROOT / "porchlight/coach/pdf/conversation_card.css")

    page = PdfReader(BytesIO(pdf)).pages[0]
    assert round(float(page.mediabox.width)) == 420
    assert "Plan" in page.extract_text()
