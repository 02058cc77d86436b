"""How much the app adds on the apiKeyHelper path.

Median wall time of ``codingplan key print`` against a bare ``python -c`` one-liner that
reads the same secret through ``keyring``, run alternately in the same private Secret
Service, on the same machine, in the same run. Target: ratio <= 1.3.

    .venv/bin/python benchmarks/key_print.py [--runs 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fakes.secret_service import private_secret_service, session_env  # noqa: E402

KEY = "sk-sp-benchmark-fake-key-0000"
BASELINE = "import keyring; print(keyring.get_password('codingplan', 'plan-key'))"


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.stdout.strip() != KEY:
        raise SystemExit(f"{cmd[0]} did not print the key: {result.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    app = [str(Path(sys.executable).with_name("codingplan")), "key", "print"]
    bare = [sys.executable, "-c", BASELINE]
    with private_secret_service() as address, session_env(address):
        subprocess.run(
            [*app[:1], "key", "set"], input=KEY, text=True, check=True, capture_output=True
        )
        for cmd in (app, bare):  # warm the page cache and the keyring daemon
            _time(cmd)
        app_times, bare_times = [], []
        for _ in range(args.runs):  # alternate, so drift hits both alike
            app_times.append(_time(app))
            bare_times.append(_time(bare))
    app_ms = statistics.median(app_times) * 1000
    bare_ms = statistics.median(bare_times) * 1000
    print(f"runs each:                    {args.runs}")
    print(f"python -c keyring (baseline): {bare_ms:7.1f} ms median")
    print(f"codingplan key print:         {app_ms:7.1f} ms median")
    print(f"ratio:                        {app_ms / bare_ms:7.2f}  (target <= 1.30)")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
