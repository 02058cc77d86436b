"""A key inside escaped text (a repr() in an argparse message, a JSON string) is masked."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from codingplan.redact import redact

keys = st.from_regex(r"sk-sp-[A-Za-z0-9_\-]{8,40}", fullmatch=True)
# Anything but a character that would glue onto the key and make it another word.
before = st.characters(blacklist_categories=("Cs",)).filter(
    lambda c: not (c.isascii() and (c.isalnum() or c in "_-"))
)


@given(keys, before)
def test_a_key_after_any_escaped_character_is_masked(key, char):
    for text in (
        repr(char + key),
        json.dumps(char + key),
        json.dumps(char + key, ensure_ascii=False),
    ):
        assert key not in redact(text), text


def test_words_that_merely_contain_sk_stay():
    for text in ("task-list", "mask-abcd", "desk-sp-lamp1234", "\\task-sp-abcdefgh"):
        assert redact(text) == text
