"""Who to call, right now: the one helper behind every act-now and urgent result.

``contacts_for`` answers "which numbers do we show this person?" the same way on every
page: the circle's country when there is a circle, else the country remembered by
/help/ (cookie), else the country of the user's first circle, else none, in which case
the page offers 112 / 911 and a one-step country picker. The template include
``safety/includes/call_now.html`` renders the answer as large tap-to-call buttons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import phonenumbers
from django.http import HttpRequest
from django.utils.html import escape
from django_countries import countries as all_countries

from porchlight.circles.models import Membership
from porchlight.content import crisis_lines as helplines
from porchlight.safety import emergency

COUNTRY_COOKIE = "porchlight_country"
#: The international directory we point to where we have no verified lines.
DIRECTORY_URL = "https://findahelpline.com/"
ALERT_LEVELS = ("act_now", "urgent")


@dataclass(frozen=True)
class CallButton:
    href: str
    number: str
    label: str
    kind: str  # "emergency" or "crisis_line"

    @property
    def text(self) -> str:
        return f"Call {self.number}"


@dataclass(frozen=True)
class CrisisContacts:
    code: str | None
    name: str | None
    emergency: emergency.CountryEmergency | None
    directory: helplines.CountryDirectory | None
    level: str | None = None

    @property
    def needs_country(self) -> bool:
        return self.code is None

    @property
    def has_verified_lines(self) -> bool:
        return self.directory is not None

    @property
    def emergency_buttons(self) -> list[CallButton]:
        """The emergency numbers to tap: the main one, plus others where services differ."""
        if self.emergency is None or not self.emergency.has_number:
            return [
                CallButton(f"tel:{number}", number, "works on most mobile phones", "emergency")
                for number in emergency.FALLBACK_NUMBERS
            ]
        main = self.emergency.numbers[0]
        chosen = [main]
        covered = set(main.services)
        for number in self.emergency.numbers[1:]:
            if len(chosen) == 3:
                break
            if "unknown" in number.services or not set(number.services) <= covered:
                chosen.append(number)
                covered |= set(number.services)
        return [CallButton(n.href, n.dial, n.label, "emergency") for n in chosen]

    @property
    def crisis_line(self) -> tuple[helplines.Helpline, helplines.Contact] | None:
        if self.directory is None:
            return None
        for line in self.directory.lines:
            for contact in line.contacts:
                if contact.method == "phone":
                    return line, contact
        return None

    @property
    def buttons(self) -> list[CallButton]:
        """Emergency first for act-now; the crisis line first for an urgent (today) result."""
        emergency_buttons = self.emergency_buttons
        found = self.crisis_line
        if found is None:
            return emergency_buttons
        line, contact = found
        line_button = CallButton(contact.href, contact.number, line.name, "crisis_line")
        if self.level == "urgent":
            return [line_button, *emergency_buttons]
        return [*emergency_buttons, line_button]

    @property
    def directory_url(self) -> str:
        return DIRECTORY_URL


def _known(code: Any) -> str | None:
    """An upper-case ISO code when it names a country we have emergency numbers for."""
    text = str(code or "").strip().upper()
    return text if text and emergency.for_country(text) is not None else None


def remembered_country(request: HttpRequest | None) -> str | None:
    """The country /help/ remembered, else the signed-in user's first circle's."""
    if request is None:
        return None
    chosen = _known(request.COOKIES.get(COUNTRY_COOKIE))
    if chosen:
        return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        membership = Membership.objects.filter(user=user).select_related("circle").first()
        if membership is not None:
            return _known(membership.circle.country)
    return None


def contacts_for(
    *,
    request: HttpRequest | None,
    circle: Any = None,
    country: str | None = None,
    level: str | None = None,
) -> CrisisContacts:
    """The numbers to show: an explicit country, the circle's, the remembered one, or none."""
    code = _known(country) or (_known(circle.country) if circle is not None else None)
    if code is None:
        code = remembered_country(request)
    if code is None:
        return CrisisContacts(code=None, name=None, emergency=None, directory=None, level=level)
    return CrisisContacts(
        code=code,
        name=str(all_countries.name(code)) or code,
        emergency=emergency.for_country(code),
        directory=helplines.get_country(code),
        level=level,
    )


def country_choices() -> dict[str, list[tuple[str, str]]]:
    """Every country, those with verified crisis lines first (for the pickers)."""
    verified = set(helplines.load_directory())
    choices = [(code.lower(), str(name)) for code, name in all_countries]
    return {
        "verified": [item for item in choices if item[0].upper() in verified],
        "others": [item for item in choices if item[0].upper() not in verified],
    }


def link_phone_numbers(text: str, region: str = "") -> str:
    """Escaped *text* with phone numbers as ``tel:`` links.

    Full numbers are found by phonenumbers' matcher (valid numbers only, for the circle's
    country, or in +international form); short emergency numbers of that country (999,
    112, 000...) are linked when they stand alone.
    """
    code = region.strip().upper()
    found: list[tuple[int, int, str]] = []
    matcher = phonenumbers.PhoneNumberMatcher(
        text, code or "ZZ", leniency=phonenumbers.Leniency.VALID
    )
    for match in matcher:
        target = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        found.append((match.start, match.end, target))
    entry = emergency.for_country(code) if code else None
    for number in entry.numbers if entry else ():
        for hit in re.finditer(rf"(?<![\d+]){re.escape(number.dial)}(?![\d])", text):
            if not any(start <= hit.start() < end for start, end, _ in found):
                found.append((hit.start(), hit.end(), number.dial))
    pieces: list[str] = []
    last = 0
    for start, end, target in sorted(found):
        if start < last:
            continue
        pieces.append(escape(text[last:start]))
        pieces.append(f'<a href="tel:{escape(target)}">{escape(text[start:end])}</a>')
        last = end
    pieces.append(escape(text[last:]))
    return "".join(pieces)
