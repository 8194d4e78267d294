"""Small server-rendered SVG charts: the geometry, and the SVG elements drawn from it.

Each chart comes with the same numbers as a table, so it works without
JavaScript, prints, and reads out on a screen reader. No charting library: the
ones that render SVG on the server (pygal, matplotlib) write inline `<style>` or
`<script>` that the CSP refuses, or draw text as paths a screen reader cannot read,
and a JavaScript library would show nothing without JavaScript. The drawing is a
few rectangles, one line and some text; what matters is that the words fit.

Every label is placed so that it fits inside the drawing: y-axis labels sit above
their grid line, starting at the left edge (so long ones, like a stage of change,
are never cut), and x-axis labels are moved in from the edges by their estimated
width. `text_width` over-estimates on purpose; a browser test measures the real text.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH = 320
HEIGHT = 200
FONT = 13  # px in the drawing, shown at about 12.5 px in a card on a 390 px phone
PAD_LEFT = 4
PAD_RIGHT = 6
PAD_TOP = 30  # room for event markers and the top grid label
PAD_BOTTOM = 24  # room for the week labels
# Average advance of a character in a sans-serif face, as a share of the font size,
# rounded up (DejaVu Sans, the widest face a browser may pick here, is about 0.55).
CHAR_WIDTH = 0.62


def text_width(text: str, size: float = FONT) -> float:
    """An upper estimate of how wide `text` is drawn at `size` px."""
    return len(text) * size * CHAR_WIDTH


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int  # which colour class
    label: str
    value: float


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: float


@dataclass(frozen=True)
class Tick:
    """A label on an axis; `anchor` is the SVG text-anchor that keeps it inside."""

    x: float
    y: float
    label: str
    anchor: str = "middle"

    @property
    def text_y(self) -> float:
        """For a grid line: its label sits just above it."""
        return self.y - 4


@dataclass(frozen=True)
class Marker:
    """An event drawn as a dashed line at its week, with a short number on top."""

    x: float
    number: int
    day: dt.date
    label: str  # "Boundary set", "Crisis", …


@dataclass(frozen=True)
class Event:
    day: dt.date
    label: str


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    labels: tuple[str, ...]  # one per bucket (x axis)
    series_names: tuple[str, ...]
    rows: tuple[tuple[str, tuple[float | None, ...]], ...]  # table: label, values per series
    summary: str = ""  # one plain sentence: what changed
    bars: tuple[Bar, ...] = ()
    points: tuple[Point, ...] = ()
    line: str = ""  # SVG polyline points; empty when there are fewer than two points
    max_value: float = 0
    grid: tuple[Tick, ...] = ()  # y-axis: a grid line at `y`, its label just above it
    x_ticks: tuple[Tick, ...] = ()
    markers: tuple[Marker, ...] = ()
    value_label: Tick | None = None  # the latest point's value, next to it
    value_names: tuple[tuple[float, str], ...] = ()  # the table shows these words
    width: int = WIDTH
    height: int = HEIGHT
    font: int = FONT

    @property
    def table_rows(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The rows as the table shows them: a word for a value that has one, — for none."""
        names = dict(self.value_names)
        return tuple(
            (
                label,
                tuple(
                    "—" if v is None else names.get(v, f"{v:.1f}".removesuffix(".0"))
                    for v in values
                ),
            )
            for label, values in self.rows
        )

    @property
    def empty(self) -> bool:
        return not self.bars and not self.points

    @property
    def plot_left(self) -> float:
        return PAD_LEFT

    @property
    def plot_right(self) -> float:
        return WIDTH - PAD_RIGHT

    @property
    def plot_top(self) -> float:
        return PAD_TOP

    @property
    def plot_bottom(self) -> float:
        return HEIGHT - PAD_BOTTOM

    @property
    def x_label_y(self) -> float:
        return HEIGHT - 7

    @property
    def marker_label_y(self) -> float:
        return PAD_TOP - 16

    @property
    def sparse(self) -> bool:
        """A line chart with a single point: no line is drawn, and the summary says so."""
        return len(self.points) == 1

    @property
    def drawing(self) -> SafeString:
        """The SVG's inside, as markup, every label escaped.

        Written here rather than in a template: a chart is some hundred elements, and
        the template language took longer to format their numbers than the page took
        to read the data (issue 17).
        """
        out: list[str] = []
        for tick in self.grid:
            out.append(
                f'<line class="grid" x1="{self.plot_left}" y1="{tick.y:.1f}" '
                f'x2="{self.plot_right}" y2="{tick.y:.1f}"></line>'
                f'<text class="tick" x="{tick.x:.1f}" y="{tick.text_y:.1f}" '
                f'text-anchor="{tick.anchor}">{escape(tick.label)}</text>'
            )
        for tick in self.x_ticks:
            out.append(
                f'<text class="tick" x="{tick.x:.1f}" y="{self.x_label_y}" '
                f'text-anchor="{tick.anchor}">{escape(tick.label)}</text>'
            )
        for marker in self.markers:
            out.append(
                f'<line class="marker" x1="{marker.x:.1f}" y1="{self.plot_top - 12}" '
                f'x2="{marker.x:.1f}" y2="{self.plot_bottom}"></line>'
                f'<text class="marker-label" x="{marker.x:.1f}" y="{self.marker_label_y}" '
                f'text-anchor="middle">{marker.number}</text>'
            )
        for bar in self.bars:
            out.append(
                f'<rect class="series-{bar.series}" x="{bar.x:.1f}" y="{bar.y:.1f}" '
                f'width="{bar.width:.1f}" height="{bar.height:.1f}"></rect>'
            )
        if self.line:
            out.append(f'<polyline class="line" points="{escape(self.line)}"></polyline>')
        radius = "5" if self.sparse else "3.5"
        for point in self.points:
            out.append(
                f'<circle class="dot" cx="{point.x:.1f}" cy="{point.y:.1f}" r="{radius}"></circle>'
            )
        if self.value_label is not None:
            label = self.value_label
            out.append(
                f'<text class="value" x="{label.x:.1f}" y="{label.y:.1f}" '
                f'text-anchor="{label.anchor}">{escape(label.label)}</text>'
            )
        return mark_safe("".join(out))  # noqa: S308  every text above is escaped


def _plot_size() -> tuple[float, float]:
    return WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_BOTTOM - PAD_TOP


def _y(value: float, top: float, bottom: float = 0) -> float:
    _, height = _plot_size()
    span = top - bottom
    return PAD_TOP + height - ((value - bottom) / span) * height if span else PAD_TOP + height


def _fit_x(x: float, label: str) -> Tick:
    """A centred label at `x`, or one anchored to the edge it would run over."""
    half = text_width(label) / 2
    if x - half < 0:
        return Tick(x=max(x - 4, 1), y=0, label=label, anchor="start")
    if x + half > WIDTH:
        return Tick(x=min(x + 4, WIDTH - 1), y=0, label=label, anchor="end")
    return Tick(x=x, y=0, label=label)


def _extent(tick: Tick) -> tuple[float, float]:
    width = text_width(tick.label)
    if tick.anchor == "start":
        return tick.x, tick.x + width
    if tick.anchor == "end":
        return tick.x - width, tick.x
    return tick.x - width / 2, tick.x + width / 2


def _x_ticks(labels: Sequence[str], xs: Sequence[float]) -> tuple[Tick, ...]:
    """Week labels from the latest back, each kept only if it clears the one after it.

    So this week is always labelled, and no two labels touch however wide they are.
    """
    kept: list[Tick] = []
    for i in reversed(range(len(labels))):
        tick = _fit_x(xs[i], labels[i])
        if not kept or _extent(tick)[1] + 8 <= _extent(kept[-1])[0]:
            kept.append(tick)
    return tuple(reversed(kept))


def _grid(values: dict[float, str], top: float, bottom: float = 0) -> tuple[Tick, ...]:
    return tuple(
        Tick(x=PAD_LEFT, y=_y(value, top, bottom), label=label, anchor="start")
        for value, label in sorted(values.items())
    )


def _nice_top(highest: float) -> int:
    """The smallest even whole number at or above `highest` (at least 2)."""
    return max(2, math.ceil(highest / 2) * 2)


def _markers(
    events: Sequence[Event], starts: Sequence[dt.date], xs: Sequence[float]
) -> tuple[Marker, ...]:
    found = []
    for event in sorted(events, key=lambda e: e.day):
        for index in reversed(range(len(starts))):
            if starts[index] <= event.day < starts[index] + dt.timedelta(days=7):
                found.append((xs[index], event))
                break
    return tuple(
        Marker(x=x, number=n, day=event.day, label=event.label)
        for n, (x, event) in enumerate(found, start=1)
    )


def stacked_bars(
    title: str,
    description: str,
    labels: Sequence[str],
    series_names: Sequence[str],
    values: Sequence[Sequence[float]],  # values[bucket][series]
    *,
    summary: str = "",
    events: Sequence[Event] = (),
    starts: Sequence[dt.date] = (),
) -> Chart:
    width, _ = _plot_size()
    step = width / max(len(labels), 1)
    centres = [PAD_LEFT + i * step + step / 2 for i in range(len(labels))]
    top = _nice_top(max([sum(bucket) for bucket in values] + [0]))
    bars = []
    for i, bucket in enumerate(values):
        base = 0.0
        for s, value in enumerate(bucket):
            if value:
                y_top = _y(base + value, top)
                bars.append(
                    Bar(
                        x=PAD_LEFT + i * step + step * 0.18,
                        y=y_top,
                        width=step * 0.64,
                        height=_y(base, top) - y_top,
                        series=s,
                        label=labels[i],
                        value=value,
                    )
                )
            base += value
    return Chart(
        title=title,
        description=description,
        labels=tuple(labels),
        series_names=tuple(series_names),
        rows=tuple((labels[i], tuple(values[i])) for i in range(len(labels))),
        summary=summary,
        bars=tuple(bars),
        max_value=top,
        grid=_grid({0: "0", top / 2: f"{top // 2:g}", top: f"{top:g} a week"}, top),
        x_ticks=_x_ticks(labels, centres),
        markers=_markers(events, starts, centres),
    )


def line(
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    top: float,
    bottom: float = 0,
    series_name: str,
    grid_labels: dict[float, str] | None = None,
    summary: str = "",
    events: Sequence[Event] = (),
    starts: Sequence[dt.date] = (),
    value_format: str = "{:g}",
    value_names: dict[float, str] | None = None,
) -> Chart:
    width, _ = _plot_size()
    # Points sit over the middle of their week, like the bars, so markers line up.
    step = width / max(len(labels), 1)
    centres = [PAD_LEFT + i * step + step / 2 for i in range(len(labels))]
    points = [
        Point(x=centres[i], y=_y(value, top, bottom), label=labels[i], value=value)
        for i, value in enumerate(values)
        if value is not None
    ]
    value_label = None
    if points and value_format:
        last = points[-1]
        text = (value_names or {}).get(last.value) or value_format.format(last.value)
        room_right = WIDTH - last.x - 8
        anchor = "start" if text_width(text) < room_right else "end"
        value_label = Tick(
            x=last.x + 7 if anchor == "start" else last.x - 7,
            y=max(last.y - 6, PAD_TOP + FONT),
            label=text,
            anchor=anchor,
        )
    grid = grid_labels or {top: f"{top:g}", bottom: f"{bottom:g}"}
    return Chart(
        title=title,
        description=description,
        labels=tuple(labels),
        series_names=(series_name,),
        rows=tuple((labels[i], (values[i],)) for i in range(len(labels))),
        summary=summary,
        points=tuple(points),
        line=" ".join(f"{p.x:.1f},{p.y:.1f}" for p in points) if len(points) > 1 else "",
        max_value=top,
        grid=_grid(grid, top, bottom),
        x_ticks=_x_ticks(labels, centres),
        markers=_markers(events, starts, centres),
        value_label=value_label,
        value_names=tuple((value_names or {}).items()),
    )
