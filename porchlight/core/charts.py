"""Small server-rendered SVG charts: geometry only, drawn by a template.

Each chart comes with the same numbers as a table, so it works without
JavaScript, prints, and reads out on a screen reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 320
HEIGHT = 140
PAD_LEFT = 28
PAD_BOTTOM = 22
PAD_TOP = 8


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
class Chart:
    title: str
    description: str
    labels: tuple[str, ...]  # one per bucket (x axis)
    series_names: tuple[str, ...]
    rows: tuple[tuple[str, tuple[float | None, ...]], ...]  # table: label, values per series
    bars: tuple[Bar, ...] = ()
    points: tuple[Point, ...] = ()
    line: str = ""  # SVG polyline points
    max_value: float = 0
    ticks: tuple[tuple[float, str], ...] = ()  # (y, label) for the y axis
    x_ticks: tuple[tuple[float, str], ...] = ()
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def empty(self) -> bool:
        return not self.bars and not self.points


def _plot_area() -> tuple[float, float]:
    return WIDTH - PAD_LEFT - 4, HEIGHT - PAD_BOTTOM - PAD_TOP


def _x_ticks(labels: Sequence[str], step: float, offset: float) -> tuple[tuple[float, str], ...]:
    every = max(1, len(labels) // 4)
    return tuple(
        (PAD_LEFT + offset + i * step, label) for i, label in enumerate(labels) if i % every == 0
    )


def _y(value: float, top: float) -> float:
    _, height = _plot_area()
    return PAD_TOP + height - (value / top) * height if top else PAD_TOP + height


def stacked_bars(
    title: str,
    description: str,
    labels: Sequence[str],
    series_names: Sequence[str],
    values: Sequence[Sequence[float]],  # values[bucket][series]
) -> Chart:
    width, _ = _plot_area()
    step = width / max(len(labels), 1)
    top = max([sum(bucket) for bucket in values] + [1])
    bars = []
    for i, bucket in enumerate(values):
        base = 0.0
        for s, value in enumerate(bucket):
            if value:
                y_top = _y(base + value, top)
                bars.append(
                    Bar(
                        x=PAD_LEFT + i * step + step * 0.15,
                        y=y_top,
                        width=step * 0.7,
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
        bars=tuple(bars),
        max_value=top,
        ticks=((_y(top, top), f"{top:g}"), (_y(0, top), "0")),
        x_ticks=_x_ticks(labels, step, step / 2),
    )


def line(
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    top: float,
    series_name: str,
    tick_labels: dict[float, str] | None = None,
) -> Chart:
    width, _ = _plot_area()
    step = width / max(len(labels) - 1, 1)
    points = [
        Point(x=PAD_LEFT + i * step, y=_y(value, top), label=labels[i], value=value)
        for i, value in enumerate(values)
        if value is not None
    ]
    ticks = tick_labels or {top: f"{top:g}", 0: "0"}
    return Chart(
        title=title,
        description=description,
        labels=tuple(labels),
        series_names=(series_name,),
        rows=tuple((labels[i], (values[i],)) for i in range(len(labels))),
        points=tuple(points),
        line=" ".join(f"{p.x:.1f},{p.y:.1f}" for p in points),
        max_value=top,
        ticks=tuple((_y(value, top), label) for value, label in ticks.items()),
        x_ticks=_x_ticks(labels, step, 0),
    )
