"""The one list of tools: everything the app and the CLI show about a tool comes from it."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from codingplan import actions, integrations, quota
from codingplan.cli import build_parser
from codingplan.env import Env
from codingplan.plan import Region, endpoints_for


def test_each_tool_once_with_its_own_folder():
    ids = [i.id for i in integrations.INTEGRATIONS]
    assert len(ids) == len(set(ids))
    assert ids[: len(integrations.AUTOMATIC_IDS)] == list(integrations.AUTOMATIC_IDS)
    for integration in integrations.INTEGRATIONS:
        assert re.fullmatch(r"#[0-9a-f]{6}", integration.colour), integration.id
        # Tool knowledge lives in the integrations (a fork may share its parent's folder).
        assert integration.guide.__module__.startswith("codingplan.integrations.")
        if integration.adapter is not None:
            assert integration.adapter.id == integration.id
            assert type(integration.adapter).__module__.startswith("codingplan.integrations.")


def test_usage_sources_come_from_the_integrations(home):
    env = Env("linux", home, {})
    ids = {s.id for s in integrations.usage_sources(env)}
    counted = {i.id for i in integrations.INTEGRATIONS if i.usage is not None}
    assert ids == counted and {"claude-code", "qwen-code", "cline", "opencode"} <= ids
    assert {s.id for s in quota.usage_sources(env)} == ids | {"app"}


def test_the_cli_lists_the_tools_it_configures(capsys):
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["configure", "--help"])
    shown = capsys.readouterr().out
    for tool_id in integrations.AUTOMATIC_IDS:
        assert tool_id in shown
    guided = [i.id for i in integrations.INTEGRATIONS if not i.automatic]
    assert not any(re.search(rf"\b{g}\b", shown) for g in guided)


def test_guided_pages_for_every_tool():
    endpoints = endpoints_for(Region.INTL)
    for integration in integrations.INTEGRATIONS:
        page = actions.guided_page(integration.id, endpoints, "glm-4.7")
        assert page.tool_id == integration.id and page.steps and page.base_urls
        assert all(url.startswith(endpoints.origin) for url in page.base_urls.values())
    codex = actions.guided_page("codex", endpoints, "qwen3-coder-plus")
    assert any("0.80.0" in n.message for n in codex.notes)


def test_no_guide_tells_a_model_name_to_become_itself():
    from codingplan.plan import CATALOG

    endpoints = endpoints_for(Region.INTL)
    for integration in integrations.INTEGRATIONS:
        for model in [m.id for m in CATALOG] + ["qwen3.5-plus"]:
            for note in actions.guided_page(integration.id, endpoints, model).notes:
                for name in re.findall(r"(\S+) becomes (\S+?)\.?$", note.message):
                    assert name[0] != name[1], (integration.id, note.message)
    dotted = actions.guided_page("cursor", endpoints, "qwen3.5-plus").notes
    assert any("qwen3.5-plus becomes qwen3-5-plus" in n.message for n in dotted)
    plain = actions.guided_page("cursor", endpoints, "qwen3-coder-plus").notes
    assert not any(n.code == "cursor_hyphens" for n in plain)


def test_crush_says_why_it_stays_guided():
    from codingplan.integrations import crush

    assert not crush.INTEGRATION.automatic
    assert "cannot be tested here" in (crush.__doc__ or "")


def test_where_a_tool_lives_is_written_once():
    """A tool's folders and variables are named only in its own integration."""
    package = Path(integrations.__file__).parent.parent
    variables = ("CLAUDE_CONFIG_DIR", "QWEN_HOME", "CLINE_DIR", "OPENCODE_CONFIG", "XDG_DATA_HOME")
    for path in package.rglob("*.py"):
        relative = path.relative_to(package)
        text = path.read_text("utf-8")
        for variable in variables:
            if variable in text:
                # paths.py names the XDG folders for the app's own files, not a tool's.
                own = ("paths.py",) if variable.startswith("XDG_") else ()
                assert relative.parts[0] in ("integrations", "env.py", *own), (relative, variable)


_ENV_READERS = ("var", "path_var", "path_list")


def _variables_read(folder: Path) -> set[str]:
    """The environment variables the code in ``folder`` reads: names given to ``Env``'s
    readers (``var``, ``path_var``, ``path_list``) and to a ``Layout``'s ``*_var`` fields,
    as literals or as module-level string constants."""
    found: set[str] = set()
    for module in folder.rglob("*.py"):
        tree = ast.parse(module.read_text())
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            named = [k.value for k in node.keywords if (k.arg or "").endswith("_var")]
            reader = isinstance(node.func, ast.Attribute) and node.func.attr in _ENV_READERS
            for expr in [*named, *(node.args[:1] if reader else [])]:
                if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
                    found.add(expr.value)
                elif isinstance(expr, ast.Name) and expr.id in constants:
                    found.add(constants[expr.id])
    return found


def test_each_tool_declares_every_variable_its_code_reads():
    from codingplan.integrations.claude_code.config import MODEL_VARIABLES
    from codingplan.integrations.continue_dev.config import SECRET
    from codingplan.integrations.qwen_code.config import ENV_KEY

    root = Path(integrations.__file__).parent
    folders = [f for f in root.iterdir() if (f / "__init__.py").exists()]
    assert len(folders) == len(integrations.INTEGRATIONS)
    declared = {i.id: set(i.environment) for i in integrations.INTEGRATIONS}
    for folder in folders:
        integration = importlib.import_module(f"codingplan.integrations.{folder.name}").INTEGRATION
        missing = _variables_read(folder) - declared[integration.id]
        assert not missing, (integration.id, missing)
    assert set(MODEL_VARIABLES) <= declared["claude-code"]
    assert ENV_KEY in declared["qwen-code"] and SECRET in declared["continue"]
    kilo = {"KILO_CONFIG", "KILO_CONFIG_CONTENT", "KILO_CONFIG_DIR", "KILO_DB"}
    assert kilo <= declared["kilo-cli"]


def test_the_tests_clear_every_variable_a_tool_reads():
    from tests.conftest import LEAKY_ENV

    for integration in integrations.INTEGRATIONS:
        assert set(integration.environment) <= set(LEAKY_ENV), integration.id
