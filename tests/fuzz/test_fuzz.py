"""Property-based fuzzing: no generated request ever gets a server error.

Hypothesis sends, as every kind of visitor of the role matrix (anonymous,
stranger, professional, supporter, owner):
- GETs to every URL pattern, with generated path values and query strings (the
  query keys are those the view's module reads, plus strangers);
- POSTs of generated input to every form found on the pages (field names and
  choices read from the HTML; values mostly plausible, some fields mutated into
  nasty ones), and to every URL pattern;
and fails on any 5xx or any exception the test client sees. Each URL and each
form gets its own examples, so none is left out by chance. Each example runs
in a savepoint that is rolled back, so a fuzzed "delete this circle" does not
empty the world for the next one.

The run is reproducible: a fixed seed (PORCHLIGHT_FUZZ_SEED) and a fixed number
of examples (scaled by PORCHLIGHT_FUZZ_SCALE). Both are printed at the end of
the pytest run, with the counts.
"""

from __future__ import annotations

import inspect
import os
import re
import uuid
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django import forms as django_forms
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, get_resolver, reverse
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from porchlight.circles import services as circle_services
from porchlight.safety import personal_safety
from tests.conftest import Personas, client_for
from tests.fuzz.conftest import STATS
from tests.test_role_matrix import EXPECTED_GET, VISITORS, url_for, visitor_user, walk

SEED = int(os.environ.get("PORCHLIGHT_FUZZ_SEED", "20251211"))
SCALE = float(os.environ.get("PORCHLIGHT_FUZZ_SCALE", "1"))
STATS.seed = SEED

GETS_PER_URL = 5
POSTS_PER_FORM = 12
POSTS_PER_URL = 2
GETS_PER_DOWNLOAD = 2

# Files, slow to draw (PDFs): fuzzed with fewer examples, and not posted to.
DOWNLOADS = {
    "circles:export.json",
    "circles:export.pdf",
    "safety:plan.pdf",
    "safety:plan.card",
    "safety:plan.ics",
    "coach:plan.card",
    "craft:card",
}
PAGES = sorted(set(EXPECTED_GET) - DOWNLOADS)

REDIRECTS = ["abc", "/", "//evil.example/", "https://evil.example/", "/c/", "javascript:x"]
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "99999999999999999999999",
    "2024-02-30",
    "1999-01-01",
    "9999-12-31",
    "true",
    "null",
    "[]",
    "{}",
    "[1, 2]",
    '{"a": [1, {"b": null}]}',
    "../../leave/",
    "\x00",
    "a\x00b",
    "\r\n",
    "<i hx-post=x hx-trigger=load>",
    "'\"><svg onload=alert(1)>",
    "%s%n%x",
    "🙂",
    "x" * 5000,
    str(uuid.UUID(int=0)),
    *REDIRECTS,
]
nasty = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=120),
)
# Values a person could type, so that generated input also gets past validation.
SENTENCES = st.sampled_from(
    [
        "Zephyrine",
        "I love you and I'm worried about you.",
        "You never listen, you are a drunk.",
        "She said she wants to die.",
        "money, sunday",
    ]
)
BY_TYPE = {
    "email": st.one_of(st.emails(), st.sampled_from(["new@example.com", "alice@example.com"])),
    "password": st.just("a calm lighthouse keeper"),
    "date": st.dates().map(lambda day: day.isoformat()),
    "search": st.sampled_from(["drinking", "boundaries", "fear", "x"]),
}
BY_NAME = {"next": st.sampled_from(REDIRECTS), "answers": st.sampled_from(["{}", "[]", "{"])}


def plausible(name: str, kind: str, seen: list[str]) -> st.SearchStrategy[Any]:
    offered = [st.sampled_from(seen)] if seen else []
    if name in BY_NAME:  # first, so that the simplest example already tries it
        return st.one_of(BY_NAME[name], *offered)
    return offered[0] if offered else BY_TYPE.get(kind, SENTENCES)


def examples(count: int) -> int:
    return max(1, round(count * SCALE))


def fuzz(count: int, item: str) -> Callable[[Any], Any]:
    """Hypothesis settings for `count` examples about `item` (a URL name or form)."""

    def decorate(test: Any) -> Any:
        configured = settings(
            max_examples=examples(count),
            deadline=None,
            database=None,  # nothing written to .hypothesis/: the seed alone replays a run
            # No shrinking: a failure is reported as found, with every value drawn,
            # and the run stays short (a shrinking server error costs minutes).
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            print_blob=True,
        )(test)
        return seed(SEED + zlib.crc32(item.encode()))(configured)

    return decorate


# --------------------------------------------------------------------------- forms


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> values offered
    types: dict[str, str] = field(default_factory=dict)  # name -> input type
    found_by: str = "owner"  # the visitor whose page it is on

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.action, self.method, tuple(sorted(self.fields)))

    @property
    def name(self) -> str:
        """The same from run to run (no ids): it orders the forms and seeds their examples."""
        fields = ",".join(sorted(f for f in self.fields if not f.startswith("circle_")))
        return f"{self.method} {url_name(self.action)} {urlsplit(self.action).query} {fields}"

    def defaults(self) -> dict[str, Any]:
        """What a person submitting it untouched would send."""
        return {name: values[0] for name, values in self.fields.items() if values}


class _Forms(HTMLParser):
    """The forms of a page: where they go and their fields, with the values offered."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.current: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form":
            action = urljoin(self.page, found.get("action") or self.page)
            self.current = Form(self.page, action, found.get("method", "get").lower())
            self.forms.append(self.current)
        elif tag in {"input", "textarea", "select", "button"} and self.current and "name" in found:
            values = self.current.fields.setdefault(found["name"], [])
            self.current.types.setdefault(found["name"], found.get("type", tag))
            if found.get("value"):
                values.append(found["value"])
        elif tag == "option" and self.current and self.current.fields:
            self.current.fields[list(self.current.fields)[-1]].append(found.get("value", ""))
        if "hx-post" in found:  # htmx posts outside a <form>, like the role menu
            posted = Form(self.page, urljoin(self.page, found["hx-post"]), "post")
            if "name" in found:
                posted.fields[found["name"]] = []
            self.forms.append(posted)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None


def forms_on(url: str, response: Any) -> list[Form]:
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return []
    parser = _Forms(url)
    parser.feed(response.content.decode())
    return parser.forms


# --------------------------------------------------------------------------- the world


@dataclass
class World:
    personas: Personas
    cookies: dict[str, str]  # visitor -> their cookies, as a browser sends them
    urls: dict[str, str]  # URL name -> the role matrix's URL


def make_world(personas: Personas, invitation: circle_services.NewInvitation) -> World:
    # The owner has said it is safe for them, so the boundary forms show; the
    # supporter has not, so the question does.
    personal_safety.record_answer(membership=personas.membership(personas.alice), afraid=False)
    cookies = {
        visitor: client_for(visitor_user(visitor, personas)).cookies.output(header="", sep=";")
        for visitor in VISITORS
    }
    token, pending = invitation.token, str(invitation.invitation.id)
    urls = {name: url_for(name, personas, token, pending) for name in EXPECTED_GET}
    return World(personas, cookies, urls)


_CLIENT = Client(raise_request_exception=True)  # a 500 fails with its traceback


def client(world: World, visitor: str) -> Client:
    """The client with the visitor's cookies, set afresh: after an example that logs
    out or deletes the account, the next one is signed in as before (the
    savepoint brings the session back). One client for all: each new one loads
    the middleware again, and WhiteNoise reads every static file each time."""
    _CLIENT.cookies = SimpleCookie()
    _CLIENT.cookies.load(world.cookies[visitor])
    return _CLIENT


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run one example in a savepoint and undo everything it wrote."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def discover_forms(world: World) -> list[Form]:
    """Every form on the pages the owner (who sees the most) and an anonymous
    visitor (sign-up, log-in) can open, and those that submitting one leads to (a
    check's result offers to save it). Every visitor is fuzzed against all of
    them: a supporter posting to the owner's forms is a case too."""
    found: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    for visitor in ("anonymous", "owner"):
        for name in PAGES:
            if EXPECTED_GET[name][VISITORS.index(visitor)] == 200:
                response = client(world, visitor).get(world.urls[name])
                for form in forms_on(world.urls[name], response):
                    form.found_by = visitor
                    found.setdefault(form.key, form)
        for form in [f for f in found.values() if f.method == "post" and f.found_by == visitor]:
            with rolled_back():
                response = client(world, visitor).post(form.action, form.defaults())
            for deeper in forms_on(form.action, response):
                deeper.found_by = visitor
                found.setdefault(deeper.key, deeper)
    return sorted(found.values(), key=lambda form: form.name)


# --------------------------------------------------------------------------- strategies


def pattern_of(name: str) -> URLPattern:
    return next(p for n, p in walk(get_resolver().url_patterns) if n == name)


_READS = re.compile(r"""request\.(?:GET|POST)(?:\.get|\.getlist)?\(\s*["'](\w+)["']""")
_IN = re.compile(r"""["'](\w+)["']\s+in\s+request\.(?:GET|POST)""")


@cache
def keys_read(name: str) -> tuple[str, ...]:
    """The request keys the module of `name`'s view reads (and `next`, read by a helper)."""
    view = pattern_of(name).callback
    module = inspect.getmodule(getattr(view, "view_class", view))
    source = inspect.getsource(module) if module else ""
    return tuple(
        sorted({*_READS.findall(source), *_IN.findall(source), *_form_fields(module), "next"})
    )


def _form_fields(module: Any) -> set[str]:
    """The field names of every form the view module uses: query strings go through forms."""
    names: set[str] = set()
    for value in vars(module).values() if module else ():
        if isinstance(value, type) and issubclass(value, django_forms.BaseForm):
            try:
                names |= set(value().fields)  # fields added in __init__ too ("from")
            except TypeError:  # a form that needs arguments: its declared fields
                names |= set(value.base_fields)
    return names


def path_value(converter: Any, real: str) -> st.SearchStrategy[Any]:
    kind = type(converter).__name__
    if kind == "UUIDConverter":
        return st.one_of(st.just(real), st.uuids())
    if kind == "IntConverter":
        return st.one_of(st.just(real), st.integers(min_value=0, max_value=10**30))
    if kind == "SlugConverter":
        return st.one_of(st.just(real), st.from_regex(r"\A[-a-zA-Z0-9_]{1,40}\Z"))
    segment = st.text(st.characters(codec="utf-8", exclude_characters="/"), min_size=1)
    return st.one_of(st.just(real), st.sampled_from(["x", "us", "GB", "zz", ".."]), segment)


def fuzzed_url(data: st.DataObject, world: World, name: str) -> str:
    """The role matrix's URL for `name`, with each path value kept or generated."""
    pattern = pattern_of(name)
    real = get_resolver().resolve(urlsplit(world.urls[name]).path).kwargs
    kwargs = {
        key: data.draw(path_value(converter, str(real[key])), label=key)
        for key, converter in pattern.pattern.converters.items()
    }
    return reverse(name, kwargs=kwargs)


def values_for(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """One value, sometimes several under the same key."""
    return st.one_of(strategy, strategy, strategy, st.lists(strategy, max_size=3))


def query_for(name: str) -> st.SearchStrategy[dict[str, Any]]:
    """Every key the view reads, each with a generated value, and maybe strangers."""
    value = st.one_of(st.sampled_from([*REDIRECTS, "", "fear", "note", "1"]), nasty)
    read = st.fixed_dictionaries({key: values_for(value) for key in keys_read(name)})
    strangers = st.dictionaries(st.text(min_size=1, max_size=10), values_for(nasty), max_size=2)
    return st.builds(lambda a, b: {**b, **a}, read, strangers)


def form_data(data: st.DataObject, form: Form | None, extra_keys: tuple[str, ...]) -> Any:
    """Mostly what a person would send, with a few fields changed into nasty ones."""
    fields = form.fields if form else {}
    kinds = form.types if form else {}
    sent = {
        name: data.draw(values_for(plausible(name, kinds.get(name, ""), seen)), label=name)
        for name, seen in fields.items()
    }
    known = [st.sampled_from(names) for names in (sorted(fields), sorted(extra_keys)) if names]
    keys = st.one_of(*known, st.text(min_size=1, max_size=10))
    for _ in range(data.draw(st.integers(0, 3), label="changes")):
        key = data.draw(keys, label="changed field")
        if data.draw(st.booleans(), label="drop it") and key in sent:
            del sent[key]
        else:
            sent[key] = data.draw(values_for(nasty), label="nasty value")
    return sent


request_style = st.fixed_dictionaries(
    {
        "htmx": st.booleans(),
        "encoding": st.sampled_from(["multipart", "urlencoded", "urlencoded", "odd charset"]),
        "charset": st.sampled_from(["latin-1", "foo", "utf-16", "UTF-8"]),
    }
)


def send(client: Client, method: str, url: str, data: dict[str, Any], how: dict[str, Any]) -> None:
    headers = {"HTTP_HX_REQUEST": "true"} if how.get("htmx") else {}
    encoded = urlencode(data, doseq=True)
    if method == "get":
        response = client.get(url, data, **headers)
    elif how["encoding"] == "urlencoded":
        kind = "application/x-www-form-urlencoded"
        response = client.post(url, encoded, content_type=kind, **headers)
    elif how["encoding"] == "odd charset":
        kind = f"application/x-www-form-urlencoded; charset={how['charset']}"
        # With DEBUG on, as `make run` has it: Django's debug page tripped over these.
        with override_settings(DEBUG=True):
            response = client.generic("POST", url, encoded.encode(), content_type=kind, **headers)
    else:
        response = client.post(url, data, **headers)
    STATS.count(response.status_code)
    assert response.status_code < 500, (method, url, data)


def url_name(url: str) -> str:
    return get_resolver().resolve(urlsplit(url).path).view_name


def visitors_for(name: str) -> list[str]:
    """Those who get the page itself (whose input reaches the view), else everyone."""
    reached = [v for v, outcome in zip(VISITORS, EXPECTED_GET[name], strict=True) if outcome == 200]
    return reached or list(VISITORS)


# --------------------------------------------------------------------------- the tests


@pytest.fixture
def world(
    personas: Personas, populated_circle: Personas, invitation: circle_services.NewInvitation
) -> World:
    return make_world(personas, invitation)


def test_downloads_are_urls_of_the_role_matrix() -> None:
    assert set(EXPECTED_GET) >= DOWNLOADS


def test_the_views_query_keys_are_found() -> None:
    assert set(keys_read("understand:learn")) >= {"q", "tag", "next"}
    # confirm_name is read through a form now (its field is on the page's own form).
    assert set(keys_read("boundaries:new")) >= {"from", "next"}


def fuzz_get(world: World, name: str, count: int, visitors: list[str]) -> None:
    @fuzz(count, name)
    @given(data=st.data())
    def get(data: st.DataObject) -> None:
        visitor = data.draw(st.sampled_from(visitors), label="visitor")
        url = fuzzed_url(data, world, name)
        query = data.draw(query_for(name), label="query")
        htmx = data.draw(st.booleans(), label="htmx")
        STATS.examples += 1
        with rolled_back():
            send(client(world, visitor), "get", url, query, {"htmx": htmx})

    get()


def fuzz_post(
    world: World, form: Form | None, name: str, count: int, keys: tuple[str, ...]
) -> None:
    """Post to `form`, or (without one) to the URL called `name`."""

    @fuzz(count, form.name if form else name)
    @given(data=st.data())
    def post(data: st.DataObject) -> None:
        # The simplest example is sent by the visitor whose page the form is on.
        first = form.found_by if form else "owner"
        others = [v for v in VISITORS if v != first]
        visitor = data.draw(st.sampled_from([first, *others]), label="visitor")
        if form:
            method, url = form.method, form.action
        else:
            method, url = "post", fuzzed_url(data, world, name)
        if method == "post" and data.draw(st.sampled_from([True, False]), label="query too"):
            # Views read the query of a post too (sign-up's ?next=).
            query = data.draw(query_for(url_name(url)), label="query")
            url = f"{url}{'&' if '?' in url else '?'}{urlencode(query, doseq=True)}"
        values = form_data(data, form, keys)
        how = data.draw(request_style, label="how")
        STATS.examples += 1
        with rolled_back():
            send(client(world, visitor), method, url, values, how)

    post()


def test_get_with_generated_path_and_query_never_fails(world: World) -> None:
    for name in PAGES:
        fuzz_get(world, name, GETS_PER_URL, visitors_for(name))


def test_downloads_with_generated_path_and_query_never_fail(world: World) -> None:
    for name in sorted(DOWNLOADS):
        fuzz_get(world, name, GETS_PER_DOWNLOAD, list(VISITORS))


def test_post_generated_input_to_every_form_never_fails(world: World) -> None:
    forms = discover_forms(world)
    STATS.forms = len(forms)
    pool = tuple(sorted({name for form in forms for name in form.fields}))
    for form in forms:
        fuzz_post(world, form, "", POSTS_PER_FORM, pool)
    assert len(forms) > 40  # the pages' forms were found


def test_post_generated_input_to_every_url_never_fails(world: World) -> None:
    for name in PAGES:
        fuzz_post(world, None, name, POSTS_PER_URL, keys_read(name))
