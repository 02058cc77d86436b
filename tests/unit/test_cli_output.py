"""What the command prints with ``--json``: one object on one line, whatever its text holds."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from codingplan.cli.output import Output, one_line_json


@given(st.text())
def test_any_text_stays_on_one_line_and_reads_back(text):
    encoded = one_line_json({"message": text, "list": [text]})
    assert len(encoded.splitlines()) == 1  # as a script splitting the output would read it
    assert json.loads(encoded) == {"message": text, "list": [text]}


def test_an_argument_with_a_next_line_character_is_one_json_line(capsys):
    """A usage error repeats the argument given: a U+0085 in it must not split the line."""
    Output(as_json=True).error("usage", "unrecognized arguments: \x85\u2028.", "Run --help.")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["error"]["message"] == "unrecognized arguments: \x85\u2028."
