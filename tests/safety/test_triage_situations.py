"""Realistic situations from the clinical review, and the page the supporter sees.

Each row is a situation a clinician rated; the check must land on the level they
would give, and the rendered page must speak to the right person with the right
buttons. Rendered through the Django test client, read as text the way a user would.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.test import Client

from porchlight.safety.triage import evaluate, level_text, load_triage
from tests.html import text_of

pytestmark = pytest.mark.django_db

ACT_NOW = level_text("act_now").title
URGENT = level_text("urgent").title
SAFETY_NOW = load_triage().focus_text("safety_first", "act_now").title  # type: ignore[union-attr]
SAFETY_TODAY = load_triage().focus_text("safety_first", "urgent").title  # type: ignore[union-attr]
YOU_NOW = load_triage().focus_text("supporter", "act_now").title  # type: ignore[union-attr]
YOU_TODAY = load_triage().focus_text("supporter", "urgent").title  # type: ignore[union-attr]

# The tap-to-call button for the emergency number (safety/includes/call_now.html).
EMERGENCY_BUTTON = 'button-danger call-button" href="tel:911"'
STAY_WITH_THEM = "stay with them until help arrives"
ASK_DIRECTLY = 'Ask directly and calmly: "Are you thinking about suicide?"'
MEANS_SAFETY = "Make the home safer, step by step"
DV_LINE = "National Domestic Violence Hotline"


@dataclass(frozen=True)
class Situation:
    answers: dict[str, str | list[str]]
    level: str
    title: str
    #: Whom the page speaks to: loved_one, safety_first or supporter.
    focus: str = "loved_one"
    says: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    buttons: tuple[str, ...] = field(default=())


SITUATIONS: dict[str, Situation] = {
    # --- suicide: intoxication, a time, access to means, signs that add up ---
    "drunk_now_and_talks_of_dying": Situation(
        {"talk_of_dying": "hinted", "right_now": ["intoxicated"]},
        "act_now",
        ACT_NOW,
        says=("Alcohol and drugs make acting on these thoughts more likely", STAY_WITH_THEM),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "says_tonight": Situation(
        {"talk_of_dying": "said_clearly", "right_now": ["named_time"]},
        "act_now",
        ACT_NOW,
        says=('such as "tonight" or a date', MEANS_SAFETY),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "gun_at_home_and_says_they_want_to_die": Situation(
        {"talk_of_dying": "said_clearly", "means_access": ["firearm"]},
        "act_now",
        ACT_NOW,
        says=(MEANS_SAFETY, "If there is a gun at home, ask a trusted person to keep it away"),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "insulin_stockpile_and_feels_a_burden": Situation(
        {"burden_hopeless": "said_it", "means_access": ["medicines"]},
        "act_now",
        ACT_NOW,
        says=(MEANS_SAFETY, "For medicines they need, such as insulin"),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "a_car_and_a_plan": Situation(
        {"plan_means": "plan", "means_access": ["other_means"]},
        "act_now",
        ACT_NOW,
        says=("hold on to the keys for now",),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "pills_at_home_and_very_low": Situation(
        {"means_access": ["medicines"], "changes": ["low_mood"]},
        "urgent",
        URGENT,
        says=("Easy access raises the risk", MEANS_SAFETY, ASK_DIRECTLY),
    ),
    "hints_and_goodbyes": Situation(
        {"talk_of_dying": "hinted", "final_acts": ["goodbyes"]},
        "act_now",
        ACT_NOW,
        says=("These signs add up",),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "hints_and_giving_things_away": Situation(
        {"talk_of_dying": "hinted", "final_acts": ["giving_away"]},
        "act_now",
        ACT_NOW,
        buttons=(EMERGENCY_BUTTON,),
    ),
    "burden_and_affairs_in_order": Situation(
        {"burden_hopeless": "said_it", "final_acts": ["affairs"]},
        "act_now",
        ACT_NOW,
        buttons=(EMERGENCY_BUTTON,),
    ),
    "sudden_calm_after_despair": Situation(
        {"talk_of_dying": "hinted", "changes": ["low_mood", "sudden_calm"]},
        "act_now",
        ACT_NOW,
        buttons=(EMERGENCY_BUTTON,),
    ),
    "goodbyes_and_giving_away_without_words": Situation(
        {"final_acts": ["goodbyes", "giving_away"]},
        "act_now",
        ACT_NOW,
        buttons=(EMERGENCY_BUTTON,),
    ),
    # --- not sure, and nothing answered ---
    "not_sure_if_they_talked_of_dying": Situation(
        {"talk_of_dying": "unsure"},
        "urgent",
        URGENT,
        says=("Not knowing is a reason to ask, not to wait", ASK_DIRECTLY),
        never=("Keep supporting",),
    ),
    "not_sure_about_anything_suicide": Situation(
        {"talk_of_dying": "unsure", "burden_hopeless": "unsure", "plan_means": "unsure"},
        "urgent",
        URGENT,
        says=(ASK_DIRECTLY, "Find a private moment today"),
        never=("Keep supporting",),
    ),
    # --- Theo: withdrawn, sleeping all day, weight loss, hopeless after losses ---
    "theo": Situation(
        {"changes": ["withdrawing", "sleep_eating", "low_mood", "losses"], "trend": "worse"},
        "urgent",
        URGENT,
        says=('even when someone says "I am fine"', ASK_DIRECTLY),
        never=("Keep supporting",),
    ),
    # --- withdrawal and delirium ---
    "heavy_drinker_seeing_things_no_known_stop": Situation(
        {
            "heavy_use": ["heavy_drinking"],
            "stopped_recently": "not_stopped",
            "withdrawal_signs": ["hallucinations"],
        },
        "act_now",
        ACT_NOW,
        says=("This can be delirium", "within hours to days"),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "takes_benzodiazepines_and_confused": Situation(
        {"heavy_use": ["benzos"], "withdrawal_signs": ["confusion"]},
        "act_now",
        ACT_NOW,
        buttons=(EMERGENCY_BUTTON,),
    ),
    "stopped_drinking_yesterday": Situation(
        {"stopped_recently": "stopped"},
        "urgent",
        URGENT,
        says=("Withdrawal can become dangerous within hours to days",),
    ),
    "seizure_now": Situation(
        {"withdrawal_signs": ["seizure"]},
        "act_now",
        ACT_NOW,
        says=(
            "Time the seizure from when it starts.",
            "Do not put anything in their mouth.",
            "roll them onto their side",
            "Do not hold them down",
        ),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "cannot_be_woken": Situation(
        {"overdose_signs": ["cannot_wake"]},
        "act_now",
        ACT_NOW,
        says=(
            "give a second dose",
            "give rescue breaths",
            "Naloxone can wear off before the drug does",
            "If someone may have alcohol poisoning",
            "Do not leave them to sleep it off",
        ),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "using_again_after_prison": Situation(
        {"recent_release": "using_again"},
        "urgent",
        URGENT,
        says=("Get naloxone today", "A usual amount can now cause an overdose"),
    ),
    # --- psychosis ---
    "voices_telling_them_to_do_things": Situation(
        {"psychosis": "with_risk"},
        "act_now",
        ACT_NOW,
        says=("Say it is a mental health crisis when you call",),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "psychosis_and_threats": Situation(
        {"psychosis": "with_risk", "violence": "threats"},
        "act_now",
        SAFETY_NOW,
        focus="safety_first",
        says=("Your safety comes first", "Get yourself, and any children or others", DV_LINE),
        never=(STAY_WITH_THEM, "Stay with them if it is safe"),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "frightened_and_agitated": Situation(
        {"psychosis": "distressed"},
        "urgent",
        URGENT,
    ),
    # --- eating disorders ---
    "eating_disorder_fainting": Situation(
        {"eating_signs": ["fainting"]},
        "act_now",
        ACT_NOW,
        says=("If an eating disorder is harming their body",),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "eating_disorder_chest_pain": Situation(
        {"eating_signs": ["chest_pain"]}, "act_now", ACT_NOW, buttons=(EMERGENCY_BUTTON,)
    ),
    "eating_disorder_slow_heart": Situation(
        {"eating_signs": ["heartbeat"]}, "act_now", ACT_NOW, buttons=(EMERGENCY_BUTTON,)
    ),
    "eating_disorder_confused": Situation(
        {"eating_signs": ["confused"]}, "act_now", ACT_NOW, buttons=(EMERGENCY_BUTTON,)
    ),
    "not_eating_or_drinking_for_days": Situation(
        {"eating_signs": ["not_eating_days"]},
        "urgent",
        URGENT,
        says=("Get medical care today, the same day",),
    ),
    # --- older adult, hoarding, self-neglect ---
    "mum_hoarding_blocked_exits_fire_risk": Situation(
        {"home": ["blocked_exits", "fire_risk"]},
        "urgent",
        URGENT,
        says=(
            "free home fire safety visit",
            "adult social care at their council (UK) or Adult Protective Services (US)",
            "Respect their right to decide",
        ),
    ),
    "no_heating_falls_self_neglect": Situation(
        {"home": ["no_heat_water", "falls", "self_neglect"]}, "urgent", URGENT
    ),
    # --- mania ---
    "days_without_sleep_and_reckless": Situation(
        {"no_sleep": "with_danger"},
        "urgent",
        URGENT,
        says=("Going days without sleep can be a sign of mania",),
    ),
    # --- violence and the supporter's own safety ---
    "violence_happening_now": Situation(
        {"violence": "happening_now"},
        "act_now",
        SAFETY_NOW,
        focus="safety_first",
        says=("Do not try to calm them, hold them back, or stay near them", DV_LINE),
        never=(STAY_WITH_THEM, "Stay with them if it is safe"),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "threats_and_a_suicide_plan": Situation(
        {"violence": "threats", "plan_means": "plan"},
        "act_now",
        SAFETY_NOW,
        focus="safety_first",
        says=(DV_LINE,),
        never=(STAY_WITH_THEM, "Stay with them if it is safe"),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "recent_threats": Situation(
        {"violence": "threats"},
        "urgent",
        SAFETY_TODAY,
        focus="safety_first",
        says=("Call a domestic violence line today", DV_LINE),
        never=(STAY_WITH_THEM,),
    ),
    "supporter_in_danger_now": Situation(
        {"afraid": "danger_now"},
        "act_now",
        SAFETY_NOW,
        focus="safety_first",
        says=("You said you are afraid of them", DV_LINE),
        never=(STAY_WITH_THEM,),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "sometimes_afraid_but_they_cannot_be_woken": Situation(
        {"afraid": "sometimes", "overdose_signs": ["cannot_wake"]},
        "act_now",
        ACT_NOW,
        says=("Your safety comes first", "give a second dose"),
        buttons=(EMERGENCY_BUTTON,),
    ),
    # --- the supporter in crisis ---
    "supporter_unsafe_now": Situation(
        {"own_thoughts": "unsafe_now"},
        "act_now",
        YOU_NOW,
        focus="supporter",
        says=(
            "Ask someone to come and be with you now",
            "If you have a safety plan for yourself",
            "Crisis lines for you",
            "If you are the one who is struggling",
        ),
        never=(STAY_WITH_THEM,),
        buttons=(EMERGENCY_BUTTON,),
    ),
    "supporter_thoughts_at_times": Situation(
        {"own_thoughts": "at_times", "coping": "overwhelmed"},
        "urgent",
        YOU_TODAY,
        focus="supporter",
        says=("Call or text a crisis line today, for yourself", "Crisis lines for you"),
        never=(STAY_WITH_THEM,),
    ),
    "supporter_unsafe_and_loved_one_overdosing": Situation(
        {"own_thoughts": "unsafe_now", "overdose_signs": ["breathing"]},
        "act_now",
        YOU_NOW,
        focus="supporter",
        says=("If the person you care for is in danger too", "If you think it is an overdose"),
        buttons=(EMERGENCY_BUTTON,),
    ),
}


@pytest.fixture
def us_client(client: Client) -> Client:
    client.cookies["porchlight_country"] = "us"
    return client


@pytest.mark.parametrize("name", SITUATIONS)
def test_situation_lands_where_a_clinician_would_put_it(name: str) -> None:
    situation = SITUATIONS[name]

    result = evaluate(situation.answers)

    assert (result.level, result.focus) == (situation.level, situation.focus)
    assert result.title == situation.title


@pytest.mark.parametrize("name", SITUATIONS)
def test_situation_page_speaks_to_the_right_person(us_client: Client, name: str) -> None:
    situation = SITUATIONS[name]

    response = us_client.post("/help/check/", situation.answers)

    html = response.content.decode()
    text = text_of(response)
    assert response.status_code == 200
    assert text.index(situation.title) < text.index("Why we say this")
    for phrase in situation.says:
        assert phrase in text, phrase
    for phrase in situation.never:
        assert phrase.lower() not in text.lower(), phrase
    for button in situation.buttons:
        assert button in html, button
    if situation.level == "urgent":
        assert "Call or text 988" in text
        # Urgent: the crisis line is the first button, the emergency number second.
        assert html.index('href="tel:988"') < html.index(EMERGENCY_BUTTON)
    if situation.level not in ("act_now", "urgent"):
        assert EMERGENCY_BUTTON not in html


def test_an_empty_check_says_it_could_not_check_and_asks_again(us_client: Client) -> None:
    response = us_client.post("/help/check/", {})

    text = text_of(response)
    assert "We could not check anything: no questions were answered" in text
    assert text.index("We could not check anything") < text.index("What you have heard and seen")
    assert EMERGENCY_BUTTON in response.content.decode()
    assert "Keep supporting" not in text
    assert "Asking does not put the idea in their head" in text


def test_calm_answers_alone_still_keep_supporting(us_client: Client) -> None:
    response = us_client.post("/help/check/", {"trend": "better", "coping": "okay"})

    assert "Keep supporting, and keep watching" in text_of(response)


# --- older adult / hoarding: the services for that situation, by country -------------------

OLDER_ADULT_AT_RISK = {"home": ["blocked_exits", "fire_risk", "self_neglect"]}
ADULT_SERVICES_HEADING = "Help for an older or vulnerable adult at home"


@pytest.mark.parametrize(
    ("country", "services"),
    [
        (
            "us",
            [
                ("Eldercare Locator", 'href="tel:+18006771116"'),
                ("Adult Protective Services (run by each state or county)",
                 'href="https://www.napsa-now.org/"'),
            ],
        ),
        (
            "gb",
            [
                ("Adult social care at their local council",
                 'href="https://www.gov.uk/find-local-council"'),
                ("Scottish Fire and Rescue Service home fire safety visit (Scotland)",
                 'href="tel:+448000731999"'),
            ],
        ),
    ],
)  # fmt: skip
def test_older_adult_result_shows_that_countrys_adult_services(
    client: Client, country: str, services: list[tuple[str, str]]
) -> None:
    client.cookies["porchlight_country"] = country

    response = client.post("/help/check/", OLDER_ADULT_AT_RISK)

    html = response.content.decode()
    text = text_of(response)
    assert URGENT in text
    assert ADULT_SERVICES_HEADING in text
    for name, link in services:
        assert name in text, name
        assert link in html, link
    # Before the crisis lines: this is the help the situation calls for.
    assert html.index(f"<h3>{ADULT_SERVICES_HEADING}</h3>") < html.index("<h3>Crisis lines</h3>")


def test_adult_services_are_not_shown_for_other_urgent_results(us_client: Client) -> None:
    response = us_client.post("/help/check/", {"no_sleep": "with_danger"})

    assert URGENT in text_of(response)
    assert ADULT_SERVICES_HEADING not in text_of(response)


def test_help_page_lists_adult_services(client: Client) -> None:
    text = text_of(client.get("/help/nz/"))

    assert ADULT_SERVICES_HEADING in text
    assert "Elder Abuse Response Service helpline (0800 EA NOT OK)" in text
    assert "Call 0800 32 668 65" in text
