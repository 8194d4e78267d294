"""Load everything a first request would otherwise wait for, before serving.

`porchlight.wsgi` calls :func:`warm_up` once per process (each gunicorn worker), so the
first visitor after a start or a deploy gets a page as fast as the hundredth: the URL
configuration and every view module imported, every content file parsed (each app's
loaders are cached per process), the language models read, every template compiled, the
models' relation trees built. Nothing here touches the database or anyone's data.

Management commands do not call it: `migrate` or `check` should not pay for models.
"""

from __future__ import annotations

import gc
import inspect
import logging
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# A harmless line for the language models: loading them is what costs, not the text.
SAMPLE = "We talked over dinner and he said he might think about it."


def _cached_loaders() -> Iterator[Callable[[], Any]]:
    """Every cached function of Porchlight's modules that runs without arguments.

    Content loaders are ``functools.cache``d with their file as a default argument
    (``load_triage(path=TRIAGE_FILE)``), and a cache is keyed by the arguments as
    passed: the page calls ``load_triage()``, so that is the call to make here.
    """
    seen: set[int] = set()
    for name, module in list(sys.modules.items()):
        if not name.startswith("porchlight.") or module is None:
            continue
        for value in list(vars(module).values()):
            if id(value) in seen or not hasattr(value, "cache_info"):
                continue
            if getattr(value, "__module__", "") != name:
                continue  # imported from elsewhere: called where it is defined
            seen.add(id(value))
            try:
                parameters = inspect.signature(value).parameters.values()
            except (TypeError, ValueError):
                continue
            if all(
                p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                for p in parameters
            ):
                yield value


def _walk_urls(resolver: Any) -> None:
    """Build each resolver's lookups (``reverse()`` builds them per namespace, lazily)."""
    from django.urls import URLResolver  # noqa: PLC0415  after setup

    resolver.reverse_dict  # noqa: B018
    resolver.namespace_dict  # noqa: B018
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            _walk_urls(pattern)


def _template_names() -> Iterator[str]:
    """Every template of Porchlight's apps, by the name pages load it with."""
    from django.apps import apps  # noqa: PLC0415  after setup

    for config in apps.get_app_configs():
        if not config.name.startswith("porchlight"):
            continue
        root = Path(config.path) / "templates"
        for path in sorted(root.rglob("*.html")) if root.is_dir() else ():
            yield path.relative_to(root).as_posix()


def warm_up() -> float:
    """Do the start-up work; returns the seconds it took."""
    begin = time.perf_counter()
    from django.apps import apps  # noqa: PLC0415  after setup
    from django.template.loader import get_template  # noqa: PLC0415  after setup
    from django.urls import get_resolver  # noqa: PLC0415  after setup

    from porchlight.content.library import load_articles, load_search_words  # noqa: PLC0415  after setup
    from porchlight.language.coach import analyse_message  # noqa: PLC0415  heavy: models
    from porchlight.language.reflect import get_grader  # noqa: PLC0415  heavy: models
    from porchlight.language.risk import analyse  # noqa: PLC0415  heavy: models
    from porchlight.language.talk import classify_talk  # noqa: PLC0415  heavy: models
    from porchlight.understand import engine as understand_engine  # noqa: PLC0415  after setup

    _walk_urls(get_resolver())  # imports every app's urls and views, builds reverse()
    for model in apps.get_models():
        model._meta.get_fields()  # the relation tree the first query of each model builds
    for loader in _cached_loaders():
        loader()
    # Loaders that resolve their default path before calling a cache keyed by it.
    load_articles()
    load_search_words()
    understand_engine.load_content()
    analyse(SAMPLE)
    analyse_message(SAMPLE)
    classify_talk(SAMPLE)
    get_grader()
    for name in _template_names():
        get_template(name)  # compiled once; the cached loader keeps it
    # What was loaded stays for the life of the process: keep it out of the garbage
    # collector's reach, or every full collection walks the models' and content's
    # objects again and the pages get slower, not faster.
    gc.collect()
    gc.freeze()
    seconds = time.perf_counter() - begin
    logger.info("warm-up took %.2f s", seconds)
    return seconds
