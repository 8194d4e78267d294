"""The circle export PDF reads like a report: words not ids, in order, nothing missing."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.utils import timezone
from pypdf import PdfReader

from porchlight.understand.services import choose_stage
from tests.conftest import Personas, client_for, pdf_text
from tests.factories import JournalEntryFactory

pytestmark = pytest.mark.django_db

# Words in other scripts and emoji, as people type them in names and notes.
WORLD = "مرحبا بك · 你好妈妈 · नमस्ते · שלום · สวัสดี · 🌱💛"


def export_text(personas: Personas, user: object = None) -> str:
    response = client_for(user or personas.alice).get(f"/c/{personas.circle.id}/export.pdf")
    assert response.status_code == 200
    return pdf_text(response.content)


def test_export_pdf_uses_the_words_of_the_pages_not_ids(
    personas: Personas, populated_circle: object
) -> None:
    choose_stage(
        circle=personas.circle, author=personas.alice, stage="precontemplation", relapse=False
    )
    client_for(personas.alice).post(
        f"/c/{personas.circle.id}/safety-check/save/",
        {"answers": json.dumps({"talk_of_dying": "hinted"})},
    )

    text = export_text(personas)

    today = timezone.localdate()
    assert f"Exported by Alice on {today.day} {today:%B %Y}." in text
    assert "Warning signs and triggers Zephyrine stops answering her phone." in text
    assert f"{today.day} {today:%B %Y} · A conversation written by Alice" in text
    assert "· Not thinking about change yet Chosen by you · by Alice" in text
    assert f"{today.day} {today:%B %Y}: It held" in text
    assert "What I won't do lend money What I will do have dinner with Zephyrine" in text
    for raw in ("warning_signs", "precontemplation", "conversation ·", "held)", "talk_of_dying"):
        assert raw not in text


def test_export_pdf_has_a_contents_list_with_every_part_and_its_count(
    personas: Personas, populated_circle: object
) -> None:
    text = export_text(personas)

    assert (
        "In this report Journal (1) Safety checks (0) Safety plan (1) "
        "Comments on the safety plan (0) Boundaries (1) Messages planned with the coach (1) "
        "Conversation plans (1) Understanding the refusal (1) Stage of change (1) "
        "Rehearsals (1) Inviting to treatment (CRAFT) (2) Family team plan and letters (2) "
        "Your weekly check-ins (0) Your self-care plan (0)"
    ) in text


def test_export_pdf_journal_is_in_the_order_things_happened(personas: Personas) -> None:
    today = timezone.localdate()
    for days_ago, what in (
        (1, "Yesterday's talk."),
        (20, "The first talk."),
        (5, "A middle talk."),
    ):
        JournalEntryFactory(
            circle=personas.circle,
            author=personas.alice,
            happened=what,
            happened_on=today - dt.timedelta(days=days_ago),
        )

    text = export_text(personas)

    positions = [text.index(w) for w in ("The first talk.", "A middle talk.", "Yesterday's talk.")]
    assert positions == sorted(positions)


def test_export_pdf_holds_the_owners_check_ins_and_self_care_plan_only(
    personas: Personas, populated_circle: object
) -> None:
    from tests.yourdata.test_portability import add_selfcare_and_comments  # noqa: PLC0415  shared setup

    add_selfcare_and_comments(personas)

    alice, bob = export_text(personas), export_text(personas, personas.bob)

    assert "Your weekly check-ins Yours alone: only in your own export." in alice
    assert alice.count("strain ") == 2
    assert "What helps me feel like myself again? Swimming on Tuesdays" in alice
    assert "Swimming on Tuesdays" not in bob
    assert bob.count("strain ") == 1


def test_pdfs_print_other_scripts_and_emoji_with_fonts_that_have_them(
    personas: Personas, populated_circle: object
) -> None:
    JournalEntryFactory(circle=personas.circle, author=personas.alice, happened=WORLD)
    client = client_for(personas.alice)
    client.post(
        f"/c/{personas.circle.id}/safety-plan/edit/", {"review_on": "", "warning_signs": WORLD}
    )

    for path in ("export.pdf", "safety-plan/plan.pdf", "safety-plan/wallet-card.pdf"):
        reader = PdfReader(io.BytesIO(client.get(f"/c/{personas.circle.id}/{path}").content))
        fonts = {
            str(font["/BaseFont"]).split("+")[-1]
            for page in reader.pages
            for font in page["/Resources"]["/Font"].values()
        }
        # DejaVu Sans has Latin, Greek, Cyrillic, Arabic and Hebrew; Noto the rest.
        for face in ("DejaVu-Sans", "Noto-Sans-CJK", "Noto-Sans-Devanagari", "Noto-Sans-Thai",
                     "Noto-Color-Emoji"):  # fmt: skip
            assert any(name.startswith(face) for name in fonts), (path, face, " ".join(fonts))
        assert "你好妈妈" in " ".join(page.extract_text() for page in reader.pages)
