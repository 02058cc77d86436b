"""``.env`` files read the way the tools read them (the npm ``dotenv`` parser that Qwen Code
and Continue bundle), and edited one value at a time with everything else kept."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codingplan.env import Env
from codingplan.errors import CodingPlanError
from codingplan.integrations import adapter
from codingplan.jsonc import MISSING, EditRefused
from codingplan.tools.dotenv import DotenvDocument
from tests.unit.tools.conftest import KEY, options
from tests.unit.tools.test_changes import configure, revert, write

NAME = "BAILIAN_CODING_PLAN_API_KEY"

# What dotenv 16 (as bundled in Qwen Code 0.24) parses from each text; checked with node.
PARSED = [
    ("A=1\nB=2\n", {"A": "1", "B": "2"}),
    ("A=old # comment\n", {"A": "old"}),
    ("A=old#comment\n", {"A": "old"}),
    ("export A = spaced  \n", {"A": "spaced"}),
    ("A: colon\n", {"A": "colon"}),
    ("A='single # not a comment'\n", {"A": "single # not a comment"}),
    ('A="double\\nline"\n', {"A": "double\nline"}),
    ('A="first\nB=inside\nlast"\nC=3\n', {"A": "first\nB=inside\nlast", "C": "3"}),
    ("A='open\nB=2\n", {"A": "'open", "B": "2"}),  # never closed: a plain value
    ("A=\nB=2\n", {"A": "", "B": "2"}),
    ("A=1\r\nB='x'\r\n", {"A": "1", "B": "x"}),
    ("# A=1\n  # B=2\nC=3", {"C": "3"}),
    ("A=1\nA=2\n", {"A": "2"}),
]


@pytest.mark.parametrize(("text", "expected"), PARSED)
def test_values_are_read_as_the_tools_read_them(text, expected):
    assert DotenvDocument(text).value() == expected


def test_replacing_a_value_keeps_its_comment():
    doc = DotenvDocument(f"{NAME}=old # my note\nOTHER=1\n")
    doc.put((NAME,), KEY)
    assert doc.text == f"{NAME}={KEY} # my note\nOTHER=1\n"
    doc.put((NAME,), "old")
    assert doc.text == f"{NAME}=old # my note\nOTHER=1\n"


def test_replacing_a_quoted_value_keeps_what_follows_it():
    doc = DotenvDocument(f'export {NAME}="old" # note\r\n')
    doc.put((NAME,), KEY)
    assert doc.text == f"export {NAME}={KEY} # note\r\n"


def test_a_name_inside_a_multiline_value_is_not_an_assignment():
    text = f'NOTES="remember:\n{NAME}=not-a-setting\nend"\nOTHER=1\n'
    doc = DotenvDocument(text)
    assert doc.get((NAME,)) is MISSING
    doc.put((NAME,), KEY)
    assert doc.text == text + f"{NAME}={KEY}\n"
    assert doc.value()["NOTES"] == f"remember:\n{NAME}=not-a-setting\nend"
    doc.remove((NAME,))
    assert doc.text == text


def test_a_multiline_value_of_the_name_itself_is_replaced_whole():
    text = f'A=1\n{NAME}="two\nlines" # note\nB=2\n'
    doc = DotenvDocument(text)
    assert doc.get((NAME,)) == "two\nlines"
    doc.put((NAME,), KEY)
    assert doc.text == f"A=1\n{NAME}={KEY} # note\nB=2\n"
    doc.remove((NAME,))
    assert doc.text == "A=1\nB=2\n"


def test_an_earlier_value_that_needs_quotes_is_put_back_quoted():
    doc = DotenvDocument(f"{NAME}=x\n")
    doc.put((NAME,), "my old value # with a hash")
    assert doc.get((NAME,)) == "my old value # with a hash"
    assert doc.text == f"{NAME}='my old value # with a hash'\n"
    with pytest.raises(EditRefused):
        doc.put((NAME,), "'\"`")


def test_qwen_code_keeps_the_comment_through_configure_and_revert(env: Env):
    dotenv = env.home / ".qwen" / ".env"
    original = write(dotenv, f"# mine\n{NAME}=sk-sp-person0own0value0000 # from the console\n")
    configure("qwen-code", env)
    assert dotenv.read_text() == f"# mine\n{NAME}={KEY} # from the console\n"
    dotenv.write_text(dotenv.read_text() + "EXTRA=1\n")  # not pristine: value by value
    revert("qwen-code", env)
    assert dotenv.read_bytes() == original + b"EXTRA=1\n"


def test_a_hard_linked_file_without_the_key_is_written_in_place_and_stays_linked(env: Env, home):
    """A dotfiles manager links Qwen Code's settings to a file of its own: the settings
    (which hold no key) change in place, and every name keeps seeing them."""
    shared = home / "dotfiles" / "qwen-settings.json"
    original = write(shared, '{"theme": "dark"}\n')
    settings = env.home / ".qwen" / "settings.json"
    settings.parent.mkdir(parents=True)
    os.link(shared, settings)
    planned = adapter("qwen-code").preview(options(), KEY, env)
    assert any(n.code == "hard_link" for n in planned.notes)
    adapter("qwen-code").apply(planned)
    assert os.stat(settings).st_ino == os.stat(shared).st_ino
    assert '"theme": "dark"' in shared.read_text() and KEY not in shared.read_text()
    revert("qwen-code", env)
    assert os.stat(settings).st_ino == os.stat(shared).st_ino
    assert shared.read_bytes() == original


def test_the_key_is_not_written_into_a_hard_linked_file(env: Env, home):
    shared = home / "dotfiles" / "qwen.env"
    original = write(shared, "OTHER=1\n")
    dotenv = env.home / ".qwen" / ".env"
    dotenv.parent.mkdir(parents=True)
    os.link(shared, dotenv)
    with pytest.raises(CodingPlanError) as info:
        adapter("qwen-code").preview(options(), KEY, env)
    assert info.value.code == "key_file_linked"
    assert shared.read_bytes() == original


# dotenv 16's parse, as Qwen Code 0.24 bundles it (BSD-2-Clause, Scott Motte): the reference
# the port above must agree with, run by the Node.js the tests install.
DOTENV_PARSE = r"""
const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/mg;
function parse(src) {
  const obj = {};
  let lines = src.toString().replace(/\r\n?/mg, "\n");
  let match;
  while ((match = LINE.exec(lines)) != null) {
    let value = (match[2] || "").trim();
    const maybeQuote = value[0];
    value = value.replace(/^(['"`])([\s\S]*)\1$/mg, "$2");
    if (maybeQuote === '"') {
      value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
    }
    obj[match[1]] = value;
  }
  return obj;
}
const texts = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(texts.map(parse)));
"""

PIECES = ["A", "B_1", "export ", "=", ": ", " ", "\t", "\n", "\r\n", "#", " # c", "'", '"', "`",
          "\\", "\\n", "x", "sk-sp-1", "=v", "é"]  # fmt: skip


def _node() -> str:
    node = Path(sys.executable).with_name("node")
    if not node.exists():
        pytest.fail("Node.js is missing: run scripts/test.sh, which installs it.")
    return str(node)


def test_the_port_reads_every_text_as_dotenv_does():
    rng = random.Random(20261201)
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 24))) for _ in range(3000)]
    texts = [t for t in texts if "\r" not in t.replace("\r\n", "")]  # lone CRs: not ours
    out = subprocess.run(
        [_node(), "-e", DOTENV_PARSE], input=json.dumps(texts), capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    for text, expected in zip(texts, json.loads(out.stdout), strict=True):
        assert DotenvDocument(text).value() == expected, text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join), st.text(max_size=12))
def test_a_value_put_reads_back_and_the_rest_stays(text, value):
    doc = DotenvDocument(text)
    try:
        others = {k: v for k, v in doc.value().items() if k != NAME}
        doc.put((NAME,), value)
    except EditRefused:
        return
    assert doc.get((NAME,)) == value
    assert {k: v for k, v in doc.value().items() if k != NAME} == others
    doc.remove((NAME,))
    assert doc.get((NAME,)) is MISSING
