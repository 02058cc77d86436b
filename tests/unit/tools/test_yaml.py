"""Editing YAML (Continue's config.yaml) without touching what is not ours."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.integrations import adapter
from codingplan.jsonc import MISSING, EditRefused, ParseError
from codingplan.tools.yaml import YamlDocument
from tests.unit.tools.conftest import KEY
from tests.unit.tools.test_changes import HYPOTHESIS, configure, revert, write

CONFIG = """\
# my Continue setup
name: My setup   # shown in the editor
version: 0.0.1
models:
  - name: Local Llama
    provider: ollama
    model: 'llama3.1:8b'
    roles:
      - chat
context:
  - provider: code
"""


def test_reads_values_as_plain_data():
    doc = YamlDocument(CONFIG)
    assert doc.get(("name",)) == "My setup"
    assert doc.get(("models", 0, "model")) == "llama3.1:8b"
    assert doc.get(("models", 5)) is MISSING
    assert doc.entries(("models",), {"provider": "ollama"})[0][0] == 0
    assert doc.value()["context"] == [{"provider": "code"}]


def test_an_edit_changes_only_its_lines():
    doc = YamlDocument(CONFIG)
    doc.prepend(("models",), {"name": "Plan", "provider": "openai", "apiKey": "${{ secrets.K }}"})
    doc.put(("schema",), "v1")
    lines = doc.text.splitlines()
    assert lines[:4] == CONFIG.splitlines()[:4]
    assert lines[4:7] == ["  - name: Plan", "    provider: openai", "    apiKey: ${{ secrets.K }}"]
    assert "'llama3.1:8b'" in doc.text and "# shown in the editor" in doc.text
    assert doc.text.endswith("schema: v1\n")
    doc.remove(("models", 0))
    doc.remove(("schema",))
    assert doc.text == CONFIG


@pytest.mark.parametrize(
    "text",
    ["a: 1\r\nb:\r\n- x\r\n", "\ufeffa: 1\n", "a: 1", "---\na: 1\n", "a:\n    -   x: 1\n"],
)
def test_line_endings_marks_and_layouts_come_back(text):
    doc = YamlDocument(text)
    doc.put(("z",), "new")
    doc.remove(("z",))
    assert doc.text == text


def test_a_file_of_comments_keeps_them_above_the_new_values():
    doc = YamlDocument("# only a comment\n")
    assert doc.empty and doc.value() is MISSING
    doc.put(("name",), "x")
    assert doc.text == "# only a comment\nname: x\n"
    doc.remove(())
    assert doc.text == "# only a comment\n"


def test_mixed_indentation_is_read_but_never_edited():
    text = "models:\n  - a: 1\nother:\n- b\n"
    doc = YamlDocument(text)
    assert doc.get(("other",)) == ["b"]
    with pytest.raises(EditRefused, match="mixed indentation"):
        doc.put(("name",), "x")
    assert doc.text == text


@pytest.mark.parametrize("text", ["a: [1, 2\n", "- just\n- a list\n", "a: *undefined\n"])
def test_what_does_not_parse_as_settings_is_refused(text):
    with pytest.raises(ParseError):
        YamlDocument(text)


@st.composite
def yaml_documents(draw) -> str:
    """Settings files as people and Continue write them: any of the common layouts, with
    comments, quoted strings and models of their own."""
    scalars = st.one_of(
        st.integers(-9, 99), st.booleans(), st.text("abc xyz:-_.", min_size=1, max_size=8)
    )
    value = draw(st.dictionaries(st.sampled_from(["name", "version", "rules", "x"]), scalars))
    if draw(st.booleans()):
        model = {"name": draw(st.text("ab", min_size=1, max_size=4)), "provider": "ollama"}
        value["models"] = [model]
    yaml = YAML()
    mapping, sequence, offset = draw(st.sampled_from([(2, 4, 2), (2, 2, 0), (4, 4, 2)]))
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    out = io.StringIO()
    yaml.dump(value, out) if value else None
    text = out.getvalue()
    if draw(st.booleans()):
        text = "# my config\n" + text
    return text


@HYPOTHESIS
@given(yaml_documents())
def test_continue_configure_then_revert_gives_the_exact_bytes(home, text):
    env = Env("linux", Path(tempfile.mkdtemp(dir=home)), {})
    config, secrets = (f.path for f in adapter("continue").config_files(env))
    original = write(config, text)
    try:
        configure("continue", env)
    except CodingPlanError as err:
        assert err.code in ("edit_refused", "config_unparsable")
        assert config.read_bytes() == original
        return
    written = YamlDocument(config.read_text())
    assert written.get(("models", 0, "apiKey")) == "${{ secrets.CODING_PLAN_API_KEY }}"
    assert KEY not in config.read_text() and KEY in secrets.read_text()
    revert("continue", env)
    assert config.read_bytes() == original
    assert not secrets.exists()


def test_aliases_that_expand_without_bound_are_refused():
    """A "billion laughs": each level repeats the one before nine times. The file is small,
    its value is not: it is refused at once, before anything expands it."""
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for a, b in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{b}: &{b} [{','.join(['*' + a] * 9)}]")
    text = "\n".join(levels) + "\n"
    with pytest.raises(ParseError, match="aliases expand"):
        YamlDocument(text)


def test_a_few_aliases_as_people_use_them_still_read():
    text = "base: &base\n  provider: openai\nmodels:\n  - <<: *base\n    name: x\n  - *base\n"
    assert YamlDocument(text).value()["models"][1] == {"provider": "openai"}


def test_a_number_past_pythons_digit_limit_is_a_parse_error():
    with pytest.raises(ParseError, match="number is too long"):
        YamlDocument("a: " + "9" * 5000 + "\n")
