"""The JSON-with-comments editor: edits touch only their own spans; all else stays."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codingplan.jsonc import MISSING, EditRefused, JsoncDocument, ParseError
from codingplan.tools.edits import Drop, Entry, Put, apply_ops, undo


def consistent(doc: JsoncDocument) -> None:
    """The editor's shadow copies match a fresh parse of its text."""
    fresh = JsoncDocument(doc.text)
    assert (fresh._plain, fresh._parse) == (doc._plain, doc._parse)


# --- documents with arbitrary layout ---------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(["env", "model", "modelProviders", "apiKeyHelper", "a", "é", "x y"])


@st.composite
def documents(draw) -> str:
    """A JSONC object text: random indentation, comments, trailing commas, line endings."""
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    unit = draw(st.sampled_from(["  ", "    ", "\t", ""]))
    comments = st.sampled_from(["", "", " // note é", " /* block */", " /* multi\n line */"])

    def render(value, depth: int) -> str:
        if (isinstance(value, dict) and value) or (isinstance(value, list) and value):
            inline = not unit or draw(st.booleans())
            is_obj = isinstance(value, dict)
            items = [
                (
                    json.dumps(k, ensure_ascii=draw(st.booleans()))
                    + ":"
                    + draw(st.sampled_from([" ", ""]))
                    if is_obj
                    else ""
                )
                + render(v, depth + 1)
                for k, v in (value.items() if is_obj else enumerate(value))
            ]
            trailing = "," if draw(st.booleans()) else ""
            opener, closer = ("{", "}") if is_obj else ("[", "]")
            if inline:
                return opener + ", ".join(items) + trailing + closer
            pad = eol + unit * (depth + 1)
            body = ""
            for i, item in enumerate(items):
                sep = "," if i < len(items) - 1 else trailing
                body += pad + item + sep + draw(comments).replace("\n", eol)
            return opener + body + eol + unit * depth + closer
        return json.dumps(value, ensure_ascii=draw(st.booleans()))

    top = draw(st.dictionaries(KEYS | st.text(max_size=6), values, max_size=5))
    if draw(st.booleans()):
        top["env"] = draw(st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=3))
    if draw(st.booleans()):
        top["modelProviders"] = {
            "openai": draw(st.lists(st.fixed_dictionaries({"id": st.text(max_size=5)}), max_size=3))
        }
    lead = draw(st.sampled_from(["", "// header" + eol, "/* head */ "]))
    end = draw(st.sampled_from(["", eol, eol + "// tail" + eol]))
    return lead + render(top, 0) + end


OPS = (
    Put(("env", "ANTHROPIC_BASE_URL"), "http://127.0.0.1:9/apps/anthropic"),
    Put(("env", "ANTHROPIC_MODEL"), "qwen3-coder-plus"),
    Put(("apiKeyHelper",), "/opt/codingplan key print"),
    Drop(("env", "ANTHROPIC_AUTH_TOKEN")),
    Put(("security", "auth", "selectedType"), "openai"),
    Entry(
        ("modelProviders", "openai"),
        {"id": "qwen3-coder-plus"},
        {"id": "qwen3-coder-plus", "envKey": "K"},
    ),
    Entry(("modelPicker", "options"), {"model": "m"}, {"model": "m", "behavesAs": "x"}),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_edits_keep_everything_else_and_undo_restores_the_value(text):
    doc = JsoncDocument(text)
    before = doc.value()
    try:
        owned, _kept = apply_ops(doc, OPS, [])
    except EditRefused:
        return  # e.g. "env" is not an object: refused, and the caller leaves the file alone
    consistent(doc)
    after = doc.value()
    assert after["env"]["ANTHROPIC_MODEL"] == "qwen3-coder-plus"
    assert after["modelProviders"]["openai"][0]["id"] == "qwen3-coder-plus"
    # What we did not set is unchanged.
    for key, value in before.items():
        if key not in ("env", "modelProviders", "apiKeyHelper", "security", "modelPicker"):
            assert after[key] == value
    for op in reversed(owned):
        assert undo(doc, op)
        consistent(doc)
    assert doc.value() == before
    # Every comment of the original is still there.
    for comment in (" // note é", "/* block */", "// header", "// tail"):
        assert text.count(comment) <= doc.text.count(comment)


@settings(max_examples=200, deadline=None)
@given(documents(), st.text(max_size=6), values)
def test_a_key_added_later_survives_undo(text, foreign_key, foreign_value):
    """A tool adds its own key after us: undoing ours keeps theirs."""
    doc = JsoncDocument(text)
    before = doc.value()
    try:
        owned, _ = apply_ops(doc, OPS, [])
    except EditRefused:
        return
    name = "$tool:" + foreign_key
    doc.put((name,), foreign_value)
    for op in reversed(owned):
        undo(doc, op)
    assert doc.value() == {**before, name: foreign_value}


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{\n  "a": 1\n  "b": 2\n}', 3, 3),
        ('{\n  "a": tru\n}', 2, 8),
        ("{\n  /* never closed\n}", 2, 3),
        ('{"a": NaN}', 1, 7),
        ('{"a": 1}\n{"b": 2}', 2, 1),
    ],
)
def test_parse_errors_name_line_and_column(text, line, column):
    with pytest.raises(ParseError) as caught:
        JsoncDocument(text)
    assert (caught.value.line, caught.value.column) == (line, column)


def test_comments_trailing_commas_and_bom_are_read():
    doc = JsoncDocument('\ufeff{\n  // c\n  "a": [1, 2,], /* x */\n  "b": "//not a comment",\n}\n')
    assert doc.value() == {"a": [1, 2], "b": "//not a comment"}
    assert doc.first_extension() == (1, 1)
    assert JsoncDocument('{"a": 1}').first_extension() is None


def test_insert_follows_the_layout_and_line_endings():
    doc = JsoncDocument('{\r\n\t"a": 1, // keep\r\n\t"b": {}\r\n}')
    doc.put(("c",), {"d": True})
    assert (
        doc.text == '{\r\n\t"a": 1, // keep\r\n\t"b": {},\r\n\t"c": {\r\n\t\t"d": true\r\n\t}\r\n}'
    )
    doc.put(("b", "x"), 1)
    assert '"b": {\r\n\t\t"x": 1\r\n\t}' in doc.text
    consistent(doc)


def test_a_comment_ending_the_last_line_stays_on_its_line():
    doc = JsoncDocument('{\n  "a": 1 // about a\n}\n')
    doc.put(("b",), 2)
    assert doc.text == '{\n  "a": 1, // about a\n  "b": 2\n}\n'
    doc.remove(("b",))
    assert doc.text == '{\n  "a": 1 // about a\n}\n'


def test_replacing_a_value_touches_only_its_span():
    text = '{"keep":  [1,2,3],   "env": {"X": "old"}  }'
    doc = JsoncDocument(text)
    doc.put(("env", "X"), "new")
    assert doc.text == text.replace('"old"', '"new"')


def test_duplicate_keys_are_refused():
    doc = JsoncDocument('{"env": {}, "env": {"A": 1}}')
    with pytest.raises(EditRefused, match="more than once"):
        doc.put(("env", "B"), 2)


def test_a_scalar_in_the_way_is_refused():
    doc = JsoncDocument('{"env": "not an object"}')
    with pytest.raises(EditRefused):
        doc.put(("env", "B"), 2)
    assert doc.get(("env", "B")) is MISSING


def test_an_empty_or_comment_only_text_gets_an_object():
    for text in ("", "// only a comment\n", "   "):
        doc = JsoncDocument(text)
        doc.put(("a", "b"), 1)
        assert doc.value() == {"a": {"b": 1}}
        assert doc.text.startswith(text.rstrip(" "))
        consistent(doc)
