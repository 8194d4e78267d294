"""PDF and iCalendar exports of the safety plan, rendered from the same data as the page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from porchlight.core import pdf
from porchlight.safety.models import SafetyPlan, SafetyPlanVersion

PDF_STYLES = Path(__file__).resolve().parent / "pdf"

#: Calendar entries and e-mails name no one and do not say "safety" or "crisis": a shared
#: calendar, a lock screen or an inbox may be seen by the person the plan is about.
REVIEW_TITLE = "Porchlight: a plan to look over"
REVIEW_DESCRIPTION = "A reminder you set in Porchlight. Open it to see what is due: {url}"
REVIEW_ALARM = "Tomorrow: a plan to look over (Porchlight)"


#: A last page filled less than this is worth saving: the plan is set tighter once.
NEARLY_EMPTY = 0.3


def plan_html(context: dict[str, Any]) -> str:
    """The plan as HTML for print: filled parts in full, the empty ones named in one line."""
    not_yet = [section.title for section, text in context["filled_sections"] if not text]
    return pdf.render_html("safety/pdf/safety_plan.html", {**context, "not_yet": not_yet})


def plan_pdf(context: dict[str, Any]) -> bytes:
    """The printable plan, without a near-empty last page.

    When the last page holds only a few lines, the plan is laid out again a little
    tighter (`safety_plan_tight.css`: smaller type and margins) and that is kept if it
    needs one page fewer.
    """
    html = plan_html(context)
    document = pdf.layout(html, PDF_STYLES / "safety_plan.css")
    if len(document.pages) > 1 and pdf.last_page_fill(document) < NEARLY_EMPTY:
        tight = pdf.layout(
            html, PDF_STYLES / "safety_plan.css", PDF_STYLES / "safety_plan_tight.css"
        )
        if len(tight.pages) < len(document.pages):
            document = tight
    return bytes(document.write_pdf())


# Never end a shortened text in the middle of a phone number: a cut number is a wrong one.
_TRAILING_NUMBER = re.compile(r"[\s\d+().\-/]*\d[\s\d+().\-/]*$|[\s,;:.\-]+$")
SHORTEST = 12  # a section cut shorter than this is left off the card altogether


def shorten(text: str, budget: int | None) -> str:
    """`text` cut to about `budget` characters at a word, with "…"; "" when too short."""
    text = text.strip()
    if budget is None or len(text) <= budget:
        return text
    cut = text[: budget + 1]
    # Whole lines when some fit: a list of names and numbers keeps its first entries whole.
    if "\n" in cut:
        cut = cut[: cut.rfind("\n")].rstrip()
    else:
        cut = cut[: cut.rfind(" ")] if " " in cut[1:] else cut[:budget]
        cut = _TRAILING_NUMBER.sub("", cut).rstrip(" ,;:.-\u2013")
    return f"{cut}…" if len(cut) >= SHORTEST else ""


def _card_panels(
    sections: list[tuple[Any, str]], budgets: dict[str, int | None]
) -> dict[str, dict[str, Any]]:
    wanted = {
        "front": [(s, t) for s, t in sections if s.wallet and s.key == "professionals" and t],
        "back": [(s, t) for s, t in sections if s.wallet and s.key != "professionals" and t],
    }
    panels = {}
    for name, items in wanted.items():
        shown = [(s.title, shorten(t, budgets[name])) for s, t in items]
        panels[name] = {
            "sections": [(title, text) for title, text in shown if text],
            "continued": any(
                text != t.strip() for (_, text), (_, t) in zip(shown, items, strict=True)
            ),
        }
    return panels


def wallet_card(context: dict[str, Any]) -> bytes:
    """The folded wallet card, every text whole or cut with "continued on the plan".

    The card is laid out, measured (`pdf.overflowing`), and each panel whose text runs
    past its edge gets a smaller budget per section, found by halving: at most about
    ten layouts of a small page, and the common case (it fits) is laid out once.
    """
    sections: list[tuple[Any, str]] = context["filled_sections"]
    stylesheet = PDF_STYLES / "wallet_card.css"

    def laid_out(budgets: dict[str, int | None]) -> tuple[Any, set[str]]:
        html = pdf.render_html(
            "safety/pdf/wallet_card.html", {**context, "panels": _card_panels(sections, budgets)}
        )
        document = pdf.layout(html, stylesheet)
        return document, pdf.overflowing(document, "panel")

    budgets: dict[str, int | None] = {"front": None, "back": None}
    document, over = laid_out(budgets)
    if not over:
        return bytes(document.write_pdf())
    longest = min(max([len(t) for _, t in sections] + [SHORTEST]), 800)  # more never fits
    low = dict.fromkeys(budgets, 0)
    high = {name: (longest if name in over else None) for name in budgets}
    while any(h is not None and low[n] < h for n, h in high.items()):
        for name, top in high.items():
            budgets[name] = None if top is None else (low[name] + top + 1) // 2
        _, over = laid_out(budgets)
        for name, top in high.items():
            if top is None:
                continue
            budget = budgets[name]
            assert budget is not None
            if name in over:
                high[name] = budget - 1
            else:
                low[name] = budget
    final = {name: (low[name] if high[name] is not None else None) for name in budgets}
    document, _ = laid_out(final)
    return bytes(document.write_pdf())


def review_calendar(plan: SafetyPlan, version: SafetyPlanVersion, plan_url: str) -> bytes:

    calendar = Calendar()
    calendar.add("prodid", "-//Porchlight//Reminder//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"review-{plan.id}@porchlight")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", version.review_on)
    event.add("summary", REVIEW_TITLE)
    event.add("description", REVIEW_DESCRIPTION.format(url=plan_url))
    event.add("url", plan_url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", REVIEW_ALARM)
    alarm.add("trigger", dt.timedelta(days=-1))
    event.add_component(alarm)
    calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics
