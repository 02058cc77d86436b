"""The ``codingplan`` command, one module per command group (``key``, ``connection`` for
``test``, ``settings``, ``tools``, ``configure``, ``usage``), each calling ``actions`` and
printing what it returns. ``parser.COMMANDS`` lists the commands with their module; a
module is loaded only when its command runs. With no command it starts the desktop app.
"""

from codingplan.cli.main import gui_main, main
from codingplan.cli.parser import COMMANDS, build_parser, command_named

__all__ = ["COMMANDS", "build_parser", "command_named", "gui_main", "main"]
