"""Learn-article links are built from the URL name, never spelled out as "/learn/<slug>/"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

PACKAGE = Path(__file__).resolve().parents[2] / "porchlight"
# The article parser checks links *inside* articles, which are written as /learn/<slug>/.
PARSER = PACKAGE / "understand" / "library.py"
SPELLED_OUT = re.compile(r"""["'=]/learn/[{a-z]""")


def test_no_template_or_module_spells_out_an_article_url() -> None:
    files = [
        path
        for pattern in ("**/*.py", "**/*.html", "**/*.txt")
        for path in PACKAGE.glob(pattern)
        if path != PARSER and "content" not in path.relative_to(PACKAGE).parts[:1]
    ]
    spelled = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SPELLED_OUT.search(line)
    ]

    assert files
    assert spelled == []


@pytest.mark.django_db
def test_the_learn_page_links_each_article_by_its_url_name(client: Client) -> None:
    html = client.get(reverse("understand:learn")).content.decode()

    assert f'href="{reverse("understand:article", args=["craft"])}"' in html
