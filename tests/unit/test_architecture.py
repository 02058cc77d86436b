"""The layering rules: the core never imports Qt, the generic machinery knows no tool, the app
reaches the key, the login entry and the tools only through ``actions``, and the key helper
path stays lean."""

import ast
import subprocess
import sys
from pathlib import Path

import codingplan

PACKAGE = Path(codingplan.__file__).parent
CORE = [
    "plan",
    "keystore",
    "settings",
    "probe",
    "outcomes",
    "endings",
    "redact",
    "errors",
    "fileio",
    "paths",
    "env",
    "actions",
    "cli",
    "cli.main",
    "integrations",
    "tools.adapter",
    "tools.verify",
    "launcher",
    "usage",
    "usage.watcher",
    "console.client",
    "console.credentials",
    "console.bailian",
    "console.facts",
]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def _imports(path: Path) -> set[str]:
    """Every module a source file imports, by absolute name."""
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_core_never_imports_qt():
    # The adapters load when first asked for: every one is asked for here.
    adapters = "from codingplan import integrations\n[i.adapter for i in integrations.INTEGRATIONS]"
    modules = _loaded_after("\n".join([*(f"import codingplan.{m}" for m in CORE), adapters]))
    assert "codingplan.integrations.claude_code.config" in modules
    assert not {m for m in modules if m.startswith(("PySide6", "shiboken6"))}


def test_only_the_ui_package_names_qt():
    """The command line starts the app (``codingplan`` alone), so it alone may name ui."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        name = str(path.relative_to(PACKAGE))
        if name.startswith("ui/"):
            continue
        banned = (
            ("PySide6", "shiboken6")
            if name == "cli/main.py"
            else ("PySide6", "shiboken6", "codingplan.ui")
        )
        if any(m.startswith(banned) for m in _imports(path)):
            offenders.append(name)
    assert offenders == []


def test_the_generic_machinery_knows_no_tool():
    """tools/ and usage/ are reached by the integrations, never the other way round."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for folder in ("tools", "usage")
        for path in (PACKAGE / folder).rglob("*.py")
        if any(m.startswith("codingplan.integrations") for m in _imports(path))
    ]
    assert offenders == []


def test_usage_loads_the_record_readers_but_no_adapter(home):
    """``usage`` runs on every status refresh: the tools' record readers, nothing of their
    setup (adapters, change sets, edits, the actions they share)."""
    code = (
        "import sys, io\n"
        "from codingplan.launch import main\n"
        "sys.stdout = io.StringIO()\n"
        "main(['usage', '--json'])\n"
        "sys.stdout = sys.__stdout__\n"
    )
    modules = _loaded_after(code)
    assert "codingplan.integrations.claude_code.usage" in modules  # it did read
    unwanted = {
        "codingplan.actions",
        "codingplan.tools.adapter",
        "codingplan.tools.edits",
        "codingplan.tools.types",
        "keyring",
        "httpx",
        "subprocess",
        "platform",
    }
    assert not {m for m in modules if m in unwanted or m.split(".")[0] in unwanted}


def test_key_print_imports_only_what_it_needs():
    code = (
        "import sys, io\n"
        "from codingplan import cli\n"
        "sys.stdout = io.StringIO()\n"
        "cli.main(['key', 'print'])\n"
        "sys.stdout = sys.__stdout__\n"
    )
    modules = _loaded_after(code)
    heavy = {
        "httpx",
        "PySide6",
        "codingplan.settings",
        "codingplan.probe",
        "codingplan.plan",
        "codingplan.integrations",
        "logging.handlers",
    }
    assert not {m for m in modules if m.split(".")[0] in heavy or m in heavy}


def _ui_sources() -> list[tuple[str, Path]]:
    return [(str(p.relative_to(PACKAGE)), p) for p in (PACKAGE / "ui").rglob("*.py")]


def test_the_app_reaches_the_key_the_login_entry_and_the_tools_only_through_actions():
    """The app does what the CLI does because both call ``actions``: the app imports no
    keyring, no login entry, no launcher, none of the machinery that changes a tool's files,
    and no adapter (only the plain values the actions return)."""
    allowed = ("codingplan.tools.types", "codingplan.tools.declared")
    allowed += ("codingplan.integrations.integration",)
    banned = ("codingplan.keystore", "codingplan.autostart", "codingplan.launcher")
    banned += ("codingplan.tools.", "codingplan.integrations.")
    offenders = []
    for name, path in _ui_sources():
        for module in _imports(path):
            within = module in allowed or module.startswith(tuple(a + "." for a in allowed))
            if module.startswith(banned) and not within:
                offenders.append((name, module))
        # Nor does it ask an integration for its adapter: the actions do that.
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("adapter", "adapters"):
                offenders.append((name, f".{node.attr}"))
    assert offenders == []


def test_settings_and_start_at_login_use_no_tool_machinery():
    """The settings and the login entry are the app's own: they use the JSON-with-comments
    reader and the launcher from where every part can, not from the tools' machinery."""
    for name in ("settings.py", "autostart.py"):
        imported = _imports(PACKAGE / name)
        assert not {m for m in imported if m.startswith("codingplan.tools")}, name


def test_the_app_checks_for_updates_only_through_actions():
    """When to check (on, offered, once a day) is the action's to say: the app names the
    core's update module for its result's type alone, never to check or read its file."""
    offenders = []
    for name, path in _ui_sources():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "codingplan.updates":
                offenders += [(name, a.name) for a in node.names if a.name not in ("UpdateCheck",)]
            elif isinstance(node, ast.ImportFrom) and node.module == "codingplan":
                offenders += [(name, a.name) for a in node.names if a.name == "updates"]
            elif isinstance(node, ast.Import):
                offenders += [(name, a.name) for a in node.names if a.name == "codingplan.updates"]
    assert offenders == []
