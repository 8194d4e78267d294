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
    return html_to_pdf(render_html(template, context), stylesheet)


def render_html(template: str, context: dict[str, Any]) -> str:
    """The HTML a PDF is drawn from (one place, so tests can read every PDF's HTML)."""
    return render_to_string(template, context)


def html_to_pdf(html: str, stylesheet: Path) -> bytes:
    pdf: bytes = layout(html, stylesheet).write_pdf()
    return pdf


def layout(html: str, stylesheet: Path, *more: Path) -> Any:
    """The laid-out WeasyPrint document: measure it (`overflowing`), then write it."""
    # WeasyPrint pulls in Pango and friends: import it only when a PDF is asked for.
    from weasyprint import CSS, HTML  # noqa: PLC0415  WeasyPrint pulls in Pango: only when a PDF is made

    fetcher = _FetchNothing()
    return HTML(string=html, url_fetcher=fetcher).render(
        stylesheets=[CSS(filename=str(path), url_fetcher=fetcher) for path in (stylesheet, *more)]
    )


def last_page_fill(document: Any) -> float:
    """How far down its last page the text goes, from 0 (nothing) to 1 (the bottom margin)."""
    page = document.pages[-1]._page_box
    top, height = page.content_box_y(), page.height
    body = [
        child for child in page.children if type(child).__name__ != "MarginBox"
    ]  # not the footer
    bottoms = [
        b.position_y + b.height
        for child in body
        for b in _descendants(child)
        if type(b).__name__ == "LineBox"
    ]
    return max((max(bottoms) - top) / height, 0.0) if bottoms and height else 0.0


def _descendants(box: Any) -> Any:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def overflowing(document: Any, css_class: str) -> set[str]:
    """The ids of the fixed-size boxes of `css_class` whose content runs past their bottom.

    A box is measured by the lines inside it: a text line that ends below the box's
    content area would be cut off (or spill out) on paper. A document that needs a
    second page overflows in every such box.
    """
    found: set[str] = set()
    for number, page in enumerate(document.pages):
        for box in _descendants(page._page_box):
            element = getattr(box, "element", None)
            if element is None or css_class not in (element.get("class") or "").split():
                continue
            if getattr(box, "element_tag", "") == "" or not hasattr(box, "content_box_y"):
                continue
            bottom = box.content_box_y() + box.height + 0.5  # half a pixel for rounding
            lines = [b for b in _descendants(box) if type(b).__name__ == "LineBox"]
            if number > 0 or any(line.position_y + line.height > bottom for line in lines):
                found.add(element.get("id") or "")
    return found
