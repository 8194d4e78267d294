"""The learn library: authored articles stored as Markdown files with YAML front matter.

Plain Python with no Django imports, so it can be used from views, management
commands, the command line and tests alike.

Every article lives in ``porchlight/content/articles/<slug>.md``::

    ---
    title: Why people refuse help
    slug: why-people-refuse-help
    summary: One or two plain sentences.
    kind: barrier
    tags: [fear, shame]
    reading_minutes: 4
    reviewed: 2026-11-21
    sources:
      - title: "Authors, title, journal or publisher, year"
        url: https://doi.org/...
    ---
    Markdown body with ## sections...

Loading is strict: a broken article raises :class:`ArticleError` (a
``ValueError``) that names the file and the problem, so mistakes are caught by
the test suite long before a supporter sees a page.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import markdown
import nh3

from porchlight.content.reader import ContentDataError, Reader, parse_yaml, read_yaml

__all__ = [
    "ALLOWED_TAGS",
    "DEFAULT_DIRECTORY",
    "KINDS",
    "KIND_LABELS",
    "KNOWN_TAGS",
    "Article",
    "ArticleError",
    "Source",
    "article_slugs",
    "articles_with_tag",
    "clear_cache",
    "get_article",
    "load_articles",
    "load_search_words",
    "parse_article",
    "render_markdown",
    "search_articles",
    "tag_group",
    "tag_label",
]

DEFAULT_DIRECTORY = Path(__file__).resolve().parent / "articles"
#: Words people search with, grouped with the words the articles use (synonyms).
SEARCH_WORDS_FILE = Path(__file__).resolve().parent / "learn_search.yaml"


@functools.cache
def article_slugs() -> frozenset[str]:
    """Slugs of the learn articles (an article's file name is its slug), without parsing them."""
    return frozenset(path.stem for path in DEFAULT_DIRECTORY.glob("*.md"))


# The kinds of article, in the order the library shows them.
KIND_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "barrier": "Why they say no",
        "concern": "What they are living with",
        "technique": "Ways to talk",
        "skill": "Boundaries and balance",
        "safety": "Safety",
        "getting-help": "Getting help",
        "selfcare": "Looking after yourself",
        "hope": "Hope",
    }
)
KINDS: tuple[str, ...] = tuple(KIND_LABELS)

# The one list of tags an article may carry, grouped by what they describe,
# each with the label shown to supporters.
ALLOWED_TAGS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "barrier": MappingProxyType(
            {
                "fear": "Fear of change",
                "hopelessness": "Hopelessness",
                "poor_insight": "Not seeing the problem",
                "shame": "Shame and stigma",
                "mistrust": "Mistrust after bad treatment",
                "control": "Need for control",
                "fear_of_withdrawal": "Fear of withdrawal",
                "different_solution": "A different idea of the solution",
            }
        ),
        "concern": MappingProxyType(
            {
                "alcohol": "Alcohol",
                "drugs": "Drugs",
                "depression": "Depression",
                "anxiety": "Anxiety",
                "bpd": "Borderline personality disorder",
                "bipolar": "Bipolar disorder",
                "psychosis": "Psychosis",
                "hoarding": "Hoarding",
                "eating_disorder": "Eating disorders",
                "gambling": "Gambling",
            }
        ),
        "technique": MappingProxyType(
            {
                "mi": "Motivational interviewing",
                "oars": "OARS",
                "craft": "CRAFT",
                "leap": "LEAP",
                "dbt_validation": "Validation",
                "harm_reduction": "Harm reduction",
                "i_statements": "I statements",
                "boundaries": "Boundaries",
                "support_vs_enabling": "Support, not enabling",
                "stages_of_change": "Stages of change",
            }
        ),
        "topic": MappingProxyType(
            {
                "safety": "Safety",
                "selfcare": "Self-care",
                "support_groups": "Support groups",
                "professional_help": "Professional help",
                "recovery": "Recovery",
                "relapse": "Setbacks and relapse",
            }
        ),
    }
)
_TAG_GROUPS: Mapping[str, str] = MappingProxyType(
    {tag: group for group, tags in ALLOWED_TAGS.items() for tag in tags}
)
KNOWN_TAGS: frozenset[str] = frozenset(_TAG_GROUPS)

_REQUIRED_FIELDS = (
    "title",
    "slug",
    "summary",
    "kind",
    "tags",
    "reading_minutes",
    "reviewed",
    "sources",
)
_OPTIONAL_FIELDS = ("safety_gated",)
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FENCE_RE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_HEADING_RE = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_HTML_RE = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# [text](target) and [text](target "title"); images are matched too so they can be refused.
_LINK_RE = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK_RE = re.compile(r"<(?:https?|mailto|ftp):[^>]*>", re.IGNORECASE)
_LEARN_LINK_RE = re.compile(r"^/learn/([a-z0-9]+(?:-[a-z0-9]+)*)/(?:#[A-Za-z0-9_-]+)?$")


class ArticleError(ValueError):
    """An article file is malformed. The message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


@dataclass(frozen=True)
class Source:
    """A reference an article's claims can be traced to."""

    title: str
    url: str = ""


@dataclass(frozen=True)
class Article:
    """One article of the learn library."""

    slug: str
    title: str
    summary: str
    kind: str
    tags: tuple[str, ...]
    reading_minutes: int
    reviewed: dt.date
    sources: tuple[Source, ...]
    body_markdown: str
    #: Headings (level 2) of sections with advice to step back, withdraw rewards or let
    #: consequences happen: shown only after "Is it safe for you?".
    safety_gated: tuple[str, ...] = ()

    @property
    def html(self) -> str:
        """The body rendered to sanitized HTML, safe to put in a page."""
        return render_markdown(self.body_markdown)

    def sections(self) -> list[tuple[str, bool]]:
        """The body as (sanitized HTML, gated?) parts, split at level-2 headings."""
        parts: list[tuple[str, list[str]]] = [("", [])]
        for line in self.body_markdown.splitlines():
            if line.startswith("## "):
                parts.append((line[3:].strip(), []))
            parts[-1][1].append(line)
        return [
            (render_markdown("\n".join(lines) + "\n"), heading in self.safety_gated)
            for heading, lines in parts
            if any(line.strip() for line in lines)
        ]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def tag_labels(self) -> tuple[str, ...]:
        return tuple(tag_label(tag) for tag in self.tags)

    @property
    def headings(self) -> tuple[str, ...]:
        """The ``##`` section headings, in order."""
        return tuple(
            text for level, text in _headings(_strip_fences(self.body_markdown)) if level == 2
        )

    @property
    def linked_slugs(self) -> tuple[str, ...]:
        """Slugs of the other articles this one links to, in order of first mention."""
        seen: dict[str, None] = {}
        for target in _link_targets(self.body_markdown):
            match = _LEARN_LINK_RE.match(target)
            if match:
                seen.setdefault(match.group(1), None)
        return tuple(seen)


def tag_label(tag: str) -> str:
    """The label shown to supporters for ``tag``."""
    return ALLOWED_TAGS[_TAG_GROUPS[tag]][tag]


def tag_group(tag: str) -> str:
    """Which group (``barrier``, ``concern``, ``technique``, ``topic``) ``tag`` belongs to."""
    return _TAG_GROUPS[tag]


# --------------------------------------------------------------------------- rendering

_ALLOWED_HTML_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        if value.startswith("https://") or value.startswith("#"):
            return value
        if value.startswith("/") and not value.startswith("//"):
            return value
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=_ALLOWED_HTML_TAGS,
    attributes={"a": {"href", "title"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}},
    attribute_filter=_filter_attribute,
    url_schemes={"https"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)


@functools.lru_cache(maxsize=256)
def render_markdown(text: str) -> str:
    """Render Markdown to HTML and sanitize it.

    Only basic tags survive, links keep only relative (``/...``), fragment or
    ``https://`` targets, and images, scripts, styles and inline HTML are removed.
    """
    rendered = markdown.markdown(
        text,
        extensions=["sane_lists", "tables", "toc"],
        extension_configs={"toc": {"permalink": False, "toc_depth": "2-4"}},
        output_format="html",
    )
    return _CLEANER.clean(rendered)


# --------------------------------------------------------------------------- loading


def _strip_fences(body: str) -> str:
    return _FENCE_RE.sub("", body)


def _headings(body: str) -> list[tuple[int, str]]:
    found = []
    for line in body.splitlines():
        match = _HEADING_RE.match(line)
        if match:
            found.append((len(match.group(1)), (match.group(2) or "").strip()))
    return found


def _link_targets(body: str) -> list[str]:
    return [match.group(2) for match in _LINK_RE.finditer(_strip_fences(body))]


def _split_front_matter(path: Path, text: str) -> tuple[str, str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise ArticleError(path, "must start with a '---' line opening the front matter")
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise ArticleError(path, "front matter is not closed by a '---' line")
    return text[4:end], text[end + 5 :]


def _require_text(path: Path, data: Mapping[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise ArticleError(path, f"'{key}' must be non-empty text")
    return value.strip()


def _parse_sources(path: Path, raw: Any) -> tuple[Source, ...]:
    if not isinstance(raw, list) or not raw:
        raise ArticleError(path, "'sources' must be a list with at least one source")
    sources = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping):
            raise ArticleError(path, f"source {number} must be a mapping with a 'title'")
        unknown = set(item) - {"title", "url"}
        if unknown:
            raise ArticleError(path, f"source {number} has unknown keys: {sorted(unknown)}")
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ArticleError(path, f"source {number} has no title")
        url = item.get("url") or ""
        if not isinstance(url, str):
            raise ArticleError(path, f"source {number} url must be text")
        url = url.strip()
        if url and not url.startswith("https://"):
            raise ArticleError(path, f"source {number} url must start with https://")
        sources.append(Source(title=" ".join(title.split()), url=url))
    return tuple(sources)


def _check_body(path: Path, body: str) -> None:
    if not body.strip():
        raise ArticleError(path, "the article body is empty")
    scanned = _strip_fences(body)
    if _HTML_RE.search(scanned) or _AUTOLINK_RE.search(scanned):
        raise ArticleError(path, "inline HTML is not allowed; use Markdown")

    lines = scanned.splitlines()
    heading_lines = [
        (index, len(match.group(1)), (match.group(2) or "").strip())
        for index, line in enumerate(lines)
        if (match := _HEADING_RE.match(line))
    ]
    if not any(level == 2 for _, level, _ in heading_lines):
        raise ArticleError(path, "the body needs at least one '## ' section")
    for index, level, text in heading_lines:
        if level == 1:
            raise ArticleError(path, f"use '## ' for sections, not '# ' (found '# {text}')")
        if not text:
            raise ArticleError(path, f"a level-{level} heading on body line {index + 1} is empty")
    for position, (index, level, text) in enumerate(heading_lines):
        if level != 2:
            continue
        stop = len(lines)
        for later_index, later_level, _ in heading_lines[position + 1 :]:
            if later_level <= 2:
                stop = later_index
                break
        if not any(line.strip() for line in lines[index + 1 : stop]):
            raise ArticleError(path, f"section '## {text}' is empty")

    for match in _LINK_RE.finditer(scanned):
        is_image, target = match.group(1), match.group(2)
        if is_image:
            raise ArticleError(path, "images are not allowed in articles")
        if target.startswith("https://") or target.startswith("#"):
            continue
        if target.startswith("/") and not target.startswith("//"):
            if target.startswith("/learn/") and not _LEARN_LINK_RE.match(target):
                raise ArticleError(
                    path, f"link '{target}' must look like /learn/<slug>/ to point at an article"
                )
            continue
        raise ArticleError(path, f"link '{target}' must be relative (/...) or https://")


def parse_article(path: Path | str, text: str | None = None) -> Article:
    """Parse and validate one article file (without checking links to other articles)."""
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise ArticleError(path, f"is not valid UTF-8 ({error.reason})") from error
    front, body = _split_front_matter(path, text)
    try:
        data = parse_yaml(front, path.name, ContentDataError)
    except ContentDataError as error:
        problem = str(error).removeprefix(f"{path.name}: ")
        raise ArticleError(path, f"front matter is {problem}") from error
    if not isinstance(data, Mapping):
        raise ArticleError(path, "front matter must be a YAML mapping of fields")

    missing = [key for key in _REQUIRED_FIELDS if key not in data or data[key] is None]
    if missing:
        raise ArticleError(path, f"missing required field(s): {', '.join(missing)}")
    unknown = sorted(set(data) - set(_REQUIRED_FIELDS) - set(_OPTIONAL_FIELDS))
    if unknown:
        raise ArticleError(path, f"unknown field(s): {', '.join(map(str, unknown))}")

    title = _require_text(path, data, "title")
    summary = _require_text(path, data, "summary")
    slug = _require_text(path, data, "slug")
    if not _SLUG_RE.match(slug):
        raise ArticleError(path, f"slug '{slug}' must be lowercase words joined by hyphens")
    if slug != path.stem:
        raise ArticleError(path, f"slug '{slug}' does not match the file name '{path.stem}'")

    kind = data["kind"]
    if kind not in KIND_LABELS:
        raise ArticleError(path, f"unknown kind '{kind}'; expected one of {', '.join(KINDS)}")

    raw_tags = data["tags"]
    if not isinstance(raw_tags, list) or not raw_tags:
        raise ArticleError(path, "'tags' must be a non-empty list")
    tags = []
    for tag in raw_tags:
        if not isinstance(tag, str) or tag not in KNOWN_TAGS:
            raise ArticleError(path, f"unknown tag '{tag}'")
        if tag in tags:
            raise ArticleError(path, f"tag '{tag}' is listed twice")
        tags.append(tag)

    minutes = data["reading_minutes"]
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 60:
        raise ArticleError(path, "'reading_minutes' must be a whole number from 1 to 60")

    reviewed = data["reviewed"]
    if isinstance(reviewed, dt.datetime):
        reviewed = reviewed.date()
    elif isinstance(reviewed, str):
        try:
            reviewed = dt.date.fromisoformat(reviewed.strip())
        except ValueError as error:
            raise ArticleError(path, "'reviewed' must be a date like 2026-11-21") from error
    elif not isinstance(reviewed, dt.date):
        raise ArticleError(path, "'reviewed' must be a date like 2026-11-21")

    sources = _parse_sources(path, data["sources"])
    _check_body(path, body)
    gated = data.get("safety_gated", [])
    headings = {text for level, text in _headings(body) if level == 2}
    if not isinstance(gated, list) or not all(isinstance(h, str) for h in gated):
        raise ArticleError(path, "'safety_gated' must be a list of section headings")
    for heading in gated:
        if heading not in headings:
            raise ArticleError(path, f"'safety_gated' names no such section: '{heading}'")

    return Article(
        slug=slug,
        title=title,
        summary=" ".join(summary.split()),
        kind=kind,
        tags=tuple(tags),
        reading_minutes=minutes,
        reviewed=reviewed,
        sources=sources,
        body_markdown=body.strip() + "\n",
        safety_gated=tuple(gated),
    )


@functools.lru_cache(maxsize=8)
def _load(directory: Path) -> tuple[Article, ...]:
    if not directory.is_dir():
        raise ArticleError(directory, "the articles directory does not exist")
    paths = sorted(directory.glob("*.md"))
    articles = [parse_article(path) for path in paths]
    slugs = {article.slug for article in articles}
    for path, article in zip(paths, articles, strict=True):
        for target in _link_targets(article.body_markdown):
            match = _LEARN_LINK_RE.match(target)
            if match and match.group(1) not in slugs:
                raise ArticleError(path, f"links to '{target}' but no article has that slug")
    return tuple(articles)


def load_articles(directory: Path | str | None = None) -> dict[str, Article]:
    """Load and validate every ``*.md`` article in ``directory``, keyed by slug.

    Results are cached per directory; call :func:`clear_cache` after editing files.
    Raises :class:`ArticleError` (a ``ValueError``) naming the first broken file.
    """
    path = Path(directory) if directory is not None else DEFAULT_DIRECTORY
    return {article.slug: article for article in _load(path.resolve())}


def clear_cache() -> None:
    """Forget loaded articles and rendered HTML (for tests and content editing)."""
    _load.cache_clear()
    render_markdown.cache_clear()
    _search_index.cache_clear()
    _load_search_words.cache_clear()


def get_article(slug: str, articles: Mapping[str, Article] | None = None) -> Article | None:
    """The article with ``slug``, or ``None``."""
    return (articles if articles is not None else load_articles()).get(slug)


def articles_with_tag(tag: str, articles: Iterable[Article] | None = None) -> list[Article]:
    """Articles carrying ``tag``, sorted by title. An unknown tag gives an empty list."""
    pool = _as_list(articles)
    return sorted((a for a in pool if tag in a.tags), key=lambda a: a.title.casefold())


# --------------------------------------------------------------------------- search

_WORD_RE = re.compile(r"[a-z0-9]+")
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "do",
        "for",
        "from",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "my",
        "of",
        "on",
        "or",
        "so",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "what",
        "when",
        "who",
        "why",
        "with",
        "you",
        "your",
    ]
)
_TITLE_WEIGHT = 10
_TAG_WEIGHT = 6
_SUMMARY_WEIGHT = 4
_BODY_WEIGHT = 1
_BODY_CAP = 5


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.casefold().replace("_", " "))


@dataclass(frozen=True)
class _Index:
    title: frozenset[str]
    tags: frozenset[str]
    summary: frozenset[str]
    body: tuple[str, ...]


@functools.lru_cache(maxsize=512)
def _search_index(article: Article) -> _Index:
    tag_text = " ".join([*article.tags, *article.tag_labels])
    body = _strip_fences(article.body_markdown)
    body = _LINK_RE.sub(lambda m: m.group(0).split("](", 1)[0], body)
    return _Index(
        title=frozenset(_words(article.title)),
        tags=frozenset(_words(tag_text)),
        summary=frozenset(_words(article.summary)),
        body=tuple(_words(body)),
    )


_SUFFIXES = ("ies", "ing", "es", "ed", "ly", "s")


def _stem(term: str) -> str:
    """Trim a common English ending so a query word also finds its other forms.

    Terms are matched as word prefixes, so "refuses" becomes "refus" and finds
    "refuse" and "refusal". Short words are left alone.
    """
    if len(term) > 4 and not term.isdigit():
        for suffix in _SUFFIXES:
            if term.endswith(suffix) and len(term) - len(suffix) >= 3:
                return term[: -len(suffix)]
    return term


def _matches(term: str, words: Iterable[str]) -> int:
    return sum(1 for word in words if word.startswith(term))


def _term_score(term: str, index: _Index) -> int:
    score = 0
    if _matches(term, index.title):
        score += _TITLE_WEIGHT
    if _matches(term, index.tags):
        score += _TAG_WEIGHT
    if _matches(term, index.summary):
        score += _SUMMARY_WEIGHT
    return score + _BODY_WEIGHT * min(_matches(term, index.body), _BODY_CAP)


def _score(article: Article, groups: list[tuple[str, ...]], phrase: str) -> tuple[int, int]:
    """(how many query words the article matches, its score); a word matches when it or
    one of its synonyms does, and scores as its best-matching form."""
    index = _search_index(article)
    matched = score = 0
    for forms in groups:
        best = max(_term_score(term, index) for term in forms)
        if best:
            matched += 1
            score += best
    if len(groups) > 1 and phrase in " ".join(_words(article.title)):
        score += _TITLE_WEIGHT
    return matched, score


class SearchWordsError(ValueError):
    """The search words file is malformed; the message names the file."""


@functools.lru_cache(maxsize=4)
def _load_search_words(path: Path) -> Mapping[str, tuple[str, ...]]:
    read = Reader(path.name, SearchWordsError)
    data = read.fields(read_yaml(path, SearchWordsError), "", required=("groups",))
    synonyms: dict[str, tuple[str, ...]] = {}
    for number, raw in enumerate(read.items(data["groups"], "groups"), start=1):
        where = f"group {number}"
        group = read.fields(raw, where, required=("about", "words"))
        read.text(group, "about", where)
        words = read.texts(group, "words", where)
        # The group's words as written (not trimmed: "betting" trimmed would find "better").
        group_words = tuple(dict.fromkeys(word.casefold() for word in words))
        for word in words:
            if _words(word) != [word.casefold()]:
                read.fail(where, f"{word!r} must be one word in letters and digits")
            for key in {word.casefold(), _stem(word.casefold())}:
                if key in synonyms and synonyms[key] != group_words:
                    read.fail(where, f"{word!r} is already in another group")
                synonyms[key] = group_words
    return MappingProxyType(synonyms)


def load_search_words(path: Path | str | None = None) -> Mapping[str, tuple[str, ...]]:
    """Each search word (and its trimmed form) → the words of its whole group."""
    return _load_search_words(Path(path or SEARCH_WORDS_FILE).resolve())


def search_articles(
    query: str,
    articles: Iterable[Article] | None = None,
    *,
    synonyms: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Article]:
    """Ranked search over title, summary, tags and body.

    Case-insensitive; each query word must match the start of some word in the
    article (so "hoard" finds "hoarding"), after trimming a common ending (so
    "refuses" finds "refuse"), or one of its synonyms must (so "husband" finds
    "partner", see ``learn_search.yaml``). Common words such as "the" are ignored
    unless the query has nothing else. Title matches rank highest, then tags,
    summary and body.
    """
    words = _words(query)
    kept = [word for word in words if word not in _STOP_WORDS] or words
    if not kept:
        return []
    table = load_search_words() if synonyms is None else synonyms
    phrase = " ".join(kept)
    groups = []
    for word in dict.fromkeys(kept):
        stem = _stem(word)
        alternatives = table.get(word) or table.get(stem) or ()
        groups.append(tuple(dict.fromkeys((stem, *alternatives))))
    scored = []
    for article in _as_list(articles):
        matched, score = _score(article, groups, phrase)
        if matched == len(groups):
            scored.append((score, article))
    scored.sort(key=lambda item: (-item[0], item[1].title.casefold()))
    return [article for _, article in scored]


def _as_list(articles: Iterable[Article] | Mapping[str, Article] | None) -> list[Article]:
    if articles is None:
        return list(load_articles().values())
    if isinstance(articles, Mapping):
        return list(articles.values())
    return list(articles)
