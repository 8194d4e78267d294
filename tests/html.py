"""Read a response the way a person reads the page: visible text only."""

from __future__ import annotations

from html.parser import HTMLParser

from django.http import HttpResponse


class _TextCollector(HTMLParser):
    SKIP = {"script", "style", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def text_of(response: HttpResponse | str) -> str:
    html = response if isinstance(response, str) else response.content.decode()
    collector = _TextCollector()
    collector.feed(html)
    return " ".join(" ".join(collector.parts).split())


class _FieldCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag != "input" or not found.get("name"):
            return
        if found.get("type") in {"radio", "checkbox"} and "checked" not in found:
            return
        self.values.setdefault(str(found["name"]), []).append(found.get("value") or "")


def filled_in(response: HttpResponse | str) -> dict[str, list[str]]:
    """What the page's form inputs hold, by field name: typed text and ticked choices."""
    html = response if isinstance(response, str) else response.content.decode()
    collector = _FieldCollector()
    collector.feed(html)
    return collector.values
