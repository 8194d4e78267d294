"""PDF rendering with WeasyPrint, from the same templates and data as the pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string


def render_pdf(template: str, context: dict[str, Any], stylesheet: Path) -> bytes:
    # WeasyPrint pulls in Pango and friends: import it only when a PDF is asked for.
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    document = HTML(string=html).render(stylesheets=[CSS(filename=str(stylesheet))])
    pdf: bytes = document.write_pdf()
    return pdf
