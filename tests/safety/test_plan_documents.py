"""The printed plan and the wallet card: nothing cut off, no near-empty last page."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from porchlight.core import pdf
from porchlight.core.actor import Actor
from porchlight.safety import exports
from porchlight.safety.models import SafetyPlanVersion
from porchlight.safety.services import save_plan
from porchlight.safety.views import _plan_context
from tests.conftest import Personas, client_for, pdf_text

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # PDF points per millimetre
# The card in wallet_card.css: 15 mm page margin, the instructions above, 171.2 x 54 mm.
CARD_LEFT, CARD_RIGHT = 15 * MM, (15 + 171.2) * MM

LONG = {
    "warning_signs": "He stops answering, sleeps all day and talks about being a burden. " * 12,
    "calming": "Music from his teens, a walk with the dog, tea on the step, his sister's voice. "
    * 10,
    "people_places": "His sister Ana, the allotment, the library on Fore Street. " * 10,
    "ask_for_help": "Aunt Mia 07700 900123\nUncle Joe 07700 900456\nAna 07700 900789\n" * 6,
    "reasons": "His daughter, the dog, finishing the boat he is building. " * 10,
    "professionals": "Dr Okafor at the Grove surgery, 020 7946 0000, and the community team. " * 8,
}


def card(personas: Personas, **sections: str) -> bytes:
    client = client_for(personas.alice)
    client.post(f"/c/{personas.circle.id}/safety-plan/edit/", {"review_on": "", **sections})
    response = client.get(f"/c/{personas.circle.id}/safety-plan/wallet-card.pdf")
    assert response.status_code == 200
    return response.content


def text_positions(content: bytes) -> list[tuple[float, float, str]]:
    """Where each run of text starts on the page (x, y from the bottom, in points)."""
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text.strip()))

    PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visit)
    return found


def test_wallet_card_with_a_very_long_plan_stays_on_the_card(personas: Personas) -> None:
    content = card(personas, **LONG)

    assert len(PdfReader(io.BytesIO(content)).pages) == 1
    text = pdf_text(content)
    assert text.count("Continued on the full plan.") == 2
    page_height = float(PdfReader(io.BytesIO(content)).pages[0].mediabox.height)
    card_runs = [(x, y, t) for x, y, t in text_positions(content) if "Cut along" not in t]
    lowest = min(y for _, y, _ in card_runs)
    top_of_card = max(y for _, y, _ in card_runs)
    # Every line of the card starts inside its 54 mm height and its width.
    assert top_of_card - lowest < 54 * MM
    assert all(CARD_LEFT <= x <= CARD_RIGHT for x, _, _ in card_runs)
    assert lowest > page_height - (15 + 20 + 54) * MM  # not below the card's bottom edge


def test_wallet_card_measured_after_layout_has_no_overflowing_panel(personas: Personas) -> None:
    content = card(personas, **LONG)
    reader = PdfReader(io.BytesIO(content))

    assert len(reader.pages) == 1
    # Each panel's first section survives, shortened at a word with an ellipsis.
    text = pdf_text(content)
    assert "Warning signs and triggers" in text
    assert "Professionals and crisis lines" in text
    assert "…" in text


def test_wallet_card_keeps_a_short_plan_whole(personas: Personas) -> None:
    content = card(personas, warning_signs="Stops answering the phone.", calming="Music and tea.")

    text = pdf_text(content)
    assert "Stops answering the phone." in text
    assert "Music and tea." in text
    assert "Continued on the full plan." not in text


def test_shortened_text_never_ends_in_part_of_a_phone_number() -> None:
    text = "Aunt Mia 07700 900123 and Uncle Joe 07700 900456 who lives nearby"

    for budget in range(12, len(text)):
        short = exports.shorten(text, budget)
        assert short == "" or not short.removesuffix("…")[-1].isdigit() or short == text, short


def test_shortened_text_keeps_whole_lines_when_some_fit() -> None:
    text = "Aunt Mia 07700 900123\nUncle Joe 07700 900456\nAna 07700 900789"

    assert exports.shorten(text, 40) == "Aunt Mia 07700 900123…"


def plan_context(personas: Personas, sentences: int) -> dict[str, object]:
    sentence = "Sit with him, keep your voice low, offer tea and do not argue about drinking. "
    save_plan(
        circle=personas.circle,
        by=Actor(personas.alice),
        sections={"warning_signs": "Stops answering the phone.", "calming": sentence * sentences},
        review_on=None,
    )
    version = SafetyPlanVersion.objects.order_by("-number").first()
    return _plan_context(personas.membership(personas.alice), version)


def test_a_plan_that_just_spills_over_is_set_tighter_on_one_page(personas: Personas) -> None:
    # The shortest plan that the usual layout no longer fits on one page.
    for sentences in range(20, 120, 2):
        context = plan_context(personas, sentences)
        usual = pdf.layout(exports.plan_html(context), exports.PDF_STYLES / "safety_plan.css")
        if len(usual.pages) > 1:
            break
    assert len(usual.pages) == 2
    assert pdf.last_page_fill(usual) < exports.NEARLY_EMPTY  # a few lines on page 2

    printed = PdfReader(io.BytesIO(exports.plan_pdf(context)))

    assert len(printed.pages) == 1
    assert "Sit with him" in printed.pages[0].extract_text()


def test_a_long_plan_keeps_its_pages_and_the_sources_are_never_alone(personas: Personas) -> None:
    context = plan_context(personas, 160)

    printed = PdfReader(io.BytesIO(exports.plan_pdf(context)))

    assert len(printed.pages) > 1
    last = " ".join(printed.pages[-1].extract_text().split())
    assert "Made with Porchlight" in last
    assert "Sit with him" in last  # the sources share the page with the plan's text


def test_last_page_fill_measures_how_far_the_text_goes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    css = tmp_path / "page.css"
    css.write_text("@page { size: A6; margin: 10mm; } p { margin: 0; }")

    short = pdf.layout("<p>One line.</p>", css)
    long = pdf.layout("<p>" + "Many words here. " * 300 + "</p>", css)

    assert 0 < pdf.last_page_fill(short) < 0.1
    assert len(long.pages) > 1
