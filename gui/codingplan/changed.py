"""What an action changed, so that the app refreshes what it shows of that, and only that.

Every action in ``actions`` returns a result whose ``changed`` is one of these, or several
together (``Changed.KEY | Changed.TOOLS``): the app's one runner of actions refreshes them
when the action is done (``ui/operations.py``).
"""

from __future__ import annotations

import enum


class Changed(enum.Flag):
    NOTHING = 0
    KEY = enum.auto()  # the key in the keyring
    TOOLS = enum.auto()  # a tool's files, or what this app recorded of them
    SETTINGS = enum.auto()  # the settings file
    USAGE = enum.auto()  # what the quota tracker counts: a reading, a request sent
    CONSOLE = enum.auto()  # the way into the plan's console: its AccessKey, or bl's sign-in
