"""Where the Kilo Code CLI keeps its files: OpenCode's layout, in Kilo's folders."""

from __future__ import annotations

from codingplan.integrations.opencode.locations import Layout

KILO = Layout(
    folder="kilo",
    config_names=("config.json", "kilo.json", "kilo.jsonc", "opencode.json", "opencode.jsonc"),
    edit_names=("kilo.json", "kilo.jsonc", "opencode.json", "opencode.jsonc"),
    config_var="KILO_CONFIG",
    content_var="KILO_CONFIG_CONTENT",
    database="kilo.db",
    dir_var="KILO_CONFIG_DIR",
    database_var="KILO_DB",
)
