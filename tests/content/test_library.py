"""Tests for the learn library: the shipped articles, the loader's validation and search.

Plain Python only, so these run without Django settings:
``pytest -p no:django tests/understand/test_library.py``.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest

from porchlight.content import library
from porchlight.content.library import (
    ALLOWED_TAGS,
    DEFAULT_DIRECTORY,
    KINDS,
    Article,
    ArticleError,
    articles_with_tag,
    load_articles,
    parse_article,
    render_markdown,
    search_articles,
)
from tests.readability import WORD, count_syllables, fk_grade

ARTICLE_FILES = sorted(DEFAULT_DIRECTORY.glob("*.md"))


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return load_articles()


# --------------------------------------------------------------------------- readability


def plain_text(markdown_text: str) -> str:
    """Markdown to prose: drop link targets and markup; every heading or list item is a sentence."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown_text).replace("[", "").replace("]", "")
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or set(line) <= set("|-: "):
            continue
        line = re.sub(r"^(?:#+|>|[-*]|\d+\.)\s*", "", line)
        line = line.replace("**", "").replace("*", "").replace("|", ". ")
        if not re.search(r"[.!?:][\"')]*$", line):
            line += "."
        lines.append(line)
    return "\n".join(lines)


def flesch_kincaid_grade(markdown_text: str) -> float:
    return fk_grade(plain_text(markdown_text))


def test_syllable_heuristic_is_sane():
    assert count_syllables("the") == 1
    assert count_syllables("help") == 1
    assert count_syllables("family") == 3
    assert count_syllables("recovery") == 4
    assert count_syllables("hoped") == 1


def test_grade_estimate_orders_easy_and_hard_text():
    easy = "## One\n\nI see you. You are not alone. We can talk. I will stay."
    hard = (
        "## One\n\nMultidisciplinary psychotherapeutic interventions demonstrated "
        "statistically significant improvements in psychosocial functioning, "
        "notwithstanding considerable methodological heterogeneity."
    )
    assert flesch_kincaid_grade(easy) < 3 < 12 < flesch_kincaid_grade(hard)


def test_articles_are_plain_language(articles):
    grades = {slug: flesch_kincaid_grade(a.body_markdown) for slug, a in articles.items()}
    too_hard = {slug: round(grade, 1) for slug, grade in grades.items() if grade > 11}
    assert not too_hard, f"articles above grade 11: {too_hard}"
    assert statistics.median(grades.values()) <= 9


# --------------------------------------------------------------------------- shipped content


def test_all_shipped_articles_load(articles):
    assert len(ARTICLE_FILES) >= 30
    assert set(articles) == {path.stem for path in ARTICLE_FILES}


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
def test_each_article_is_well_formed(path: Path, articles):
    article = articles[path.stem]
    assert article.kind in KINDS
    assert article.sources, "every article cites at least one source"
    assert all(source.title for source in article.sources)
    assert all(s.url == "" or s.url.startswith("https://") for s in article.sources)
    assert len(article.headings) >= 2
    words = len(WORD.findall(plain_text(article.body_markdown)))
    assert 350 <= words <= 900, f"{article.slug} has {words} words"
    assert 1 <= article.reading_minutes <= 10
    assert article.summary
    assert len(article.summary) <= 300


def test_every_barrier_concern_and_technique_has_an_article(articles):
    for group in ("barrier", "concern", "technique"):
        for tag in ALLOWED_TAGS[group]:
            assert articles_with_tag(tag, articles), f"no article tagged {group} '{tag}'"


def test_every_kind_has_an_article(articles):
    assert {a.kind for a in articles.values()} == set(KINDS)


def test_practical_sections_where_they_fit(articles):
    for article in articles.values():
        if article.kind in {"barrier", "concern", "skill"}:
            assert "What you can try" in article.headings, article.slug
            assert "What tends to backfire" in article.headings, article.slug
    with_try = [a for a in articles.values() if "What you can try" in a.headings]
    with_backfire = [a for a in articles.values() if "What tends to backfire" in a.headings]
    assert len(with_try) >= len(articles) * 0.75
    assert len(with_backfire) >= len(articles) * 0.75


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
def test_no_stigmatizing_suicide_language(path: Path):
    text = path.read_text(encoding="utf-8").lower()
    assert "committed suicide" not in text
    assert "commit suicide" not in text
    assert "successful suicide" not in text
    assert "failed attempt" not in text


def test_internal_links_point_to_existing_articles(articles):
    linked = {slug for article in articles.values() for slug in article.linked_slugs}
    assert linked, "articles should link to each other"
    assert linked <= set(articles)


def test_safety_article_gives_action_first(articles):
    article = articles["warning-signs-and-when-to-act"]
    assert article.headings[0].lower().startswith("act now")
    assert "988" in article.body_markdown


def test_rendered_html_is_sanitized_and_links_are_kept(articles):
    html = articles["why-people-refuse-help"].html
    assert '<a href="/learn/fear-of-change/"' in html
    assert "<h2" in html
    assert "<script" not in html


# --------------------------------------------------------------------------- rendering


def test_render_markdown_strips_unsafe_markup():
    html = render_markdown(
        "## Links\n\n"
        "[ok](/learn/craft/) [web](https://example.org/) [bad](javascript:alert(1)) "
        "[plain](http://example.org/) [proto](//evil.example/)\n\n"
        "<script>alert(1)</script><img src=x onerror=alert(1)>"
    )
    assert 'href="/learn/craft/"' in html
    assert 'href="https://example.org/"' in html
    assert "javascript:" not in html
    assert "http://example.org" not in html
    assert "//evil.example" not in html
    assert "<script" not in html
    assert "<img" not in html
    assert 'rel="noopener noreferrer"' in html


# --------------------------------------------------------------------------- validation

VALID = """---
title: A test article
slug: {slug}
summary: A short summary.
kind: technique
tags: [mi]
reading_minutes: 3
reviewed: 2026-11-21
sources:
  - title: "Someone S. A study. Journal, 2020."
    url: https://doi.org/10.1000/example
---
## First section

Some words here.

## Second section

More words, and a [link](/learn/{link}/).
"""


def write(directory: Path, slug: str, text: str) -> Path:
    path = directory / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_fixture_loads(tmp_path):
    write(tmp_path, "one", VALID.format(slug="one", link="two"))
    write(tmp_path, "two", VALID.format(slug="two", link="one"))
    loaded = load_articles(tmp_path)
    assert set(loaded) == {"one", "two"}
    article = loaded["one"]
    assert article.tags == ("mi",)
    assert article.reviewed.isoformat() == "2026-11-21"
    assert article.sources[0].url == "https://doi.org/10.1000/example"
    assert article.headings == ("First section", "Second section")
    assert article.linked_slugs == ("two",)


BROKEN_CASES = {
    "missing-field": (
        lambda t: t.replace("summary: A short summary.\n", ""),
        "missing required field(s): summary",
    ),
    "unknown-field": (lambda t: t.replace("kind:", "author: me\nkind:"), "unknown field(s)"),
    "unknown-kind": (lambda t: t.replace("kind: technique", "kind: recipe"), "unknown kind"),
    "unknown-tag": (lambda t: t.replace("[mi]", "[mi, astrology]"), "unknown tag 'astrology'"),
    "duplicate-tag": (lambda t: t.replace("[mi]", "[mi, mi]"), "listed twice"),
    "slug-mismatch": (
        lambda t: t.replace("slug: broken", "slug: other"),
        "does not match the file name",
    ),
    "no-sources": (
        lambda t: re.sub(r"sources:\n(?:  .*\n)+", "sources: []\n", t),
        "at least one source",
    ),
    "source-without-title": (
        lambda t: t.replace('  - title: "Someone S. A study. Journal, 2020."\n    url', "  - url"),
        "source 1 has no title",
    ),
    "http-source": (
        lambda t: t.replace("url: https://doi.org", "url: http://doi.org"),
        "must start with https://",
    ),
    "bad-minutes": (lambda t: t.replace("reading_minutes: 3", "reading_minutes: soon"), "whole"),
    "bad-date": (lambda t: t.replace("reviewed: 2026-11-21", "reviewed: someday"), "date"),
    "empty-section": (
        lambda t: t.replace("Some words here.\n", ""),
        "section '## First section' is empty",
    ),
    "no-sections": (
        lambda t: t.replace("## First section", "First").replace("## Second section", "Then"),
        "at least one '## ' section",
    ),
    "h1-heading": (lambda t: t.replace("## First section", "# First section"), "not '# '"),
    "inline-html": (
        lambda t: t.replace("Some words here.", "Some <b>bold</b> words."),
        "inline HTML",
    ),
    "image": (lambda t: t.replace("Some words here.", "![x](/img.png)"), "images"),
    "http-link": (
        lambda t: t.replace("(/learn/broken/)", "(http://example.org/)"),
        "must be relative",
    ),
    "bad-learn-link": (
        lambda t: t.replace("(/learn/broken/)", "(/learn/Broken)"),
        "/learn/<slug>/",
    ),
    "no-front-matter": (lambda t: t.split("---\n", 2)[2], "must start with a '---' line"),
    "unclosed-front-matter": (
        lambda t: t.replace("---\n## First", "## First"),
        "not closed",
    ),
    "bad-yaml": (lambda t: t.replace("tags: [mi]", "tags: [mi"), "not valid YAML"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_CASES))
def test_broken_article_raises_clear_error(tmp_path, case):
    mutate, message = BROKEN_CASES[case]
    write(tmp_path, "broken", mutate(VALID.format(slug="broken", link="broken")))
    with pytest.raises(ArticleError) as caught:
        load_articles(tmp_path)
    assert str(caught.value).startswith("broken.md: ")
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_link_to_missing_article_names_the_file(tmp_path):
    write(tmp_path, "lonely", VALID.format(slug="lonely", link="nowhere"))
    with pytest.raises(ValueError, match=r"^lonely\.md: links to '/learn/nowhere/'"):
        load_articles(tmp_path)


def test_missing_directory_raises(tmp_path):
    with pytest.raises(ArticleError, match="does not exist"):
        load_articles(tmp_path / "absent")


def test_parse_article_accepts_text_without_reading(tmp_path):
    article = parse_article(tmp_path / "solo.md", VALID.format(slug="solo", link="elsewhere"))
    assert article.slug == "solo"


def test_load_is_cached_and_clearable(tmp_path):
    write(tmp_path, "one", VALID.format(slug="one", link="one"))
    first = load_articles(tmp_path)
    write(tmp_path, "two", VALID.format(slug="two", link="two"))
    assert set(load_articles(tmp_path)) == set(first) == {"one"}
    library.clear_cache()
    assert set(load_articles(tmp_path)) == {"one", "two"}


# --------------------------------------------------------------------------- search


def slugs(results: list[Article]) -> list[str]:
    return [article.slug for article in results]


def test_search_withdrawal(articles):
    results = slugs(search_articles("withdrawal", articles.values()))
    assert results[0] == "fear-of-withdrawal"
    assert "when-drinking-is-the-problem" in results


def test_search_hoarding(articles):
    results = slugs(search_articles("hoarding", articles.values()))
    assert results[0] == "hoarding"
    assert "support-groups-for-supporters" in results


def test_search_leap_is_case_insensitive(articles):
    upper = slugs(search_articles("LEAP", articles.values()))
    lower = slugs(search_articles("leap", articles.values()))
    assert upper == lower
    assert upper[0] == "leap-listen-empathize-agree-partner"
    assert "psychosis" in upper


def test_search_requires_every_word(articles):
    both = search_articles("hoarding gambling", articles.values())
    assert both
    for article in both:
        text = " ".join([article.title, article.summary, article.body_markdown]).lower()
        assert "hoard" in text
        assert "gambl" in text
    assert search_articles("hoarding zzzyzx", articles.values()) == []


def test_search_ranks_title_matches_first(articles):
    results = search_articles("stages of change", articles.values())
    assert results[0].slug == "stages-of-change"


def test_search_matches_word_prefixes_and_tags(articles):
    assert "hoarding" in slugs(search_articles("hoard", articles.values()))
    assert "validation" in slugs(search_articles("dbt validation", articles.values()))


def test_search_trims_common_endings(articles):
    assert slugs(search_articles("refuses help", articles.values()))[0] == "why-people-refuse-help"
    assert "craft" in slugs(search_articles("families", articles.values()))


def test_search_ignores_empty_queries(articles):
    assert search_articles("", articles.values()) == []
    assert search_articles("   !!! ", articles.values()) == []


def test_search_defaults_to_shipped_articles():
    assert slugs(search_articles("craft"))[0] == "craft"


def test_articles_with_tag(articles):
    tagged = articles_with_tag("bpd", articles.values())
    assert "borderline-personality-disorder" in slugs(tagged)
    assert slugs(tagged) == sorted(slugs(tagged), key=lambda s: articles[s].title.casefold())
    assert articles_with_tag("no-such-tag", articles.values()) == []


def test_tag_labels_cover_every_tag():
    for tags in ALLOWED_TAGS.values():
        for tag, label in tags.items():
            assert library.tag_label(tag) == label
