"""What the README promises a person about installing: downloads that exist (or where to
turn until they do) and examples with the plan's real model ids."""

from __future__ import annotations

import re

from codingplan import __version__
from codingplan.plan import CATALOG
from tests.conftest import REPO

README = (REPO / "README.md").read_text("utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def test_every_model_in_the_readmes_json_examples_is_a_plan_model():
    models = re.findall(r'"model": "([^"…]+)"', README)
    assert models, "the README's JSON examples name a model"
    ids = {m.id for m in CATALOG}
    assert [m for m in models if m not in ids] == []


def test_the_installing_table_says_where_to_turn_before_the_first_release():
    heading = re.search(
        rf"^## \[{re.escape(__version__)}\] - (.*)$",
        (REPO / "CHANGELOG.md").read_text("utf-8"),
        re.MULTILINE,
    )
    released = bool(heading and re.fullmatch(r"\d{4}-\d{2}-\d{2}", heading.group(1)))
    installing = section("Installing")
    if not released:
        assert "No release is published yet" in installing
        assert "(#building-the-installers)" in installing
        assert "(#quick-start-on-linux)" in installing
    assert "https://github.com/codingplan/configurator/releases" in installing
