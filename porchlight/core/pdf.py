"""PDF rendering with WeasyPrint, from the same templates and data as the pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from django.template.loader import render_to_string


class _FetchNothing:
    """A WeasyPrint URL fetcher that refuses every URL.

    The PDFs are drawn from our own templates and one local stylesheet; they need
    nothing by URL. Should markup ever slip into a template, it still could not
    read a local file (`<img src=file:///...>`) into a PDF or make a request.
    """

    _fail_on_errors = False  # WeasyPrint 67+ reads this: a refusal is a warning, not a stop

    def __call__(self, url: str, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValueError(f"PDFs load nothing by URL (refused {url[:80]})")


def render_pdf(template: str, context: dict[str, Any], stylesheet: Path) -> bytes:
    return html_to_pdf(render_to_string(template, context), stylesheet)


def html_to_pdf(html: str, stylesheet: Path) -> bytes:
    # WeasyPrint pulls in Pango and friends: import it only when a PDF is asked for.
    from weasyprint import CSS, HTML  # noqa: PLC0415  WeasyPrint pulls in Pango: only when a PDF is made

    fetcher = _FetchNothing()
    document = HTML(string=html, url_fetcher=fetcher).render(
        stylesheets=[CSS(filename=str(stylesheet), url_fetcher=fetcher)]
    )
    pdf: bytes = document.write_pdf()
    return pdf
