"""The frozen app's entry point: one executable for the desktop app and the CLI."""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    # A first scan of a long history may use worker processes: in a frozen app each of them
    # starts this same executable, which must hand control to multiprocessing at once.
    multiprocessing.freeze_support()
    os.environ["CODINGPLAN_WORKER_PROCESSES"] = "1"
    from codingplan.launch import main

    sys.exit(main())
