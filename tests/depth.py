"""How far the longest property searches go.

The README's test command keeps each of them to a tenth of its search, so the whole suite
stays quick for every contributor; CI then runs them again in full in a pass of their own
(``CODINGPLAN_PROPERTY_DEPTH=deep``, see ``.ci/run``), where each record reader gets at least
2,000 examples.
"""

from __future__ import annotations

import os

VARIABLE = "CODINGPLAN_PROPERTY_DEPTH"
# The files the deep pass runs: the searches named with ``examples`` below.
DEEP_FILES = (
    "tests/unit/usage/test_shared_reader.py",
    "tests/unit/usage/test_record_properties.py",
    "tests/reference/test_quota_rules.py",
)


def examples(full: int) -> int:
    """``full`` examples in the deep pass, a tenth of them (at least 20) otherwise."""
    return full if os.environ.get(VARIABLE) == "deep" else max(20, full // 10)


if __name__ == "__main__":  # CI's deep pass: python -m tests.depth
    import sys

    import pytest

    os.environ[VARIABLE] = "deep"
    sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", *DEEP_FILES]))
