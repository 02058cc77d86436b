"""``codingplan tools``, ``configured``, ``verify`` and ``guide``: the coding tools' states, the
ones this app changed, one run through the plan, and the manual steps."""

from __future__ import annotations

import argparse
from typing import Any

from codingplan.cli.common import endpoints, load_settings
from codingplan.cli.output import EXIT_FAILED, EXIT_OK, Output
from codingplan.cli.parser import Builder, ModelIds, Parser, ToolIds, seconds


def cmd_tools(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions, integrations

    statuses = actions.tool_statuses(endpoints(args, load_settings(out)))
    rows = []
    for info in integrations.INTEGRATIONS:
        row: dict[str, Any] = {"id": info.id, "name": info.name, "automatic": info.automatic}
        status = statuses.get(info.id)
        if status is None:
            row.update(state="guided", installed=None, version=None, config_files=[])
            row.update(configured=None, overrides=[], notes=[], verified=None)
            rows.append(row)
            continue
        found = status.detection
        row.update(
            state=status.state.value,
            installed=found.installed,
            version=found.version,
            executable=str(found.executable) if found.executable else None,
            config_files=[f.to_dict() for f in found.config_files],
            configured=status.configured.to_dict() if status.configured else None,
            overrides=[o.to_dict() for o in status.overrides],
            notes=[n.message for n in status.notes],
            verified=status.verified.to_dict() if status.verified else None,
        )
        rows.append(row)
    out.result({"ok": True, "tools": rows}, lambda: _format_tools(rows))
    return EXIT_OK


def _format_tools(rows: list[dict[str, Any]]) -> str:
    lines = []
    for row in rows:
        version = f" {row['version']}" if row.get("version") else ""
        lines.append(f"{row['id']:<12} {row['state']:<21} {row['name']}{version}")
        for config in row["config_files"]:
            lines.append(f"{'':<13} {config['role']}: {config['path']}")
        lines += [f"{'':<13} ! {o['message']}" for o in row["overrides"]]
        if row["verified"]:
            run = row["verified"]
            how = "worked" if run["ok"] else f"failed ({run['category'].replace('_', ' ')})"
            lines.append(f"{'':<13} Verify {how} {_ago(run['at'])}")
        lines += [f"{'':<13} {note}" for note in row["notes"]]
    return "\n".join(lines)


def _ago(iso: str) -> str:
    """ "12 min ago", as the app says it."""
    import time
    from datetime import datetime

    from codingplan import wording

    moment = round(datetime.fromisoformat(iso).timestamp() * 1000)
    return wording.relative(moment, round(time.time() * 1000), None)


def cmd_configured(args: argparse.Namespace, out: Output) -> int:
    """The tools this app changed, one per line (``id  name``): what an uninstaller offers
    to revert first."""
    from codingplan import actions, integrations

    rows: list[dict[str, Any]] = []
    for found in actions.recorded_tools():
        row: dict[str, Any] = {"id": found.tool_id, "name": integrations.name(found.tool_id)}
        row["files"] = list(found.files)
        if found.error is not None:
            row["error"] = found.error.to_dict()
        rows.append(row)
    out.result({"ok": True, "tools": rows}, "\n".join(f"{r['id']:<12} {r['name']}" for r in rows))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions, integrations

    info = integrations.get(args.tool)
    plan = endpoints(args, load_settings(out))
    actions.check_verifiable(args.tool, plan)  # before saying it costs anything
    if not out.as_json:
        n = info.verify_requests
        out.notice(
            f"running {info.name} once with a tiny prompt: this uses about {n} "
            f"request{'s' * (n > 1)} of the plan's quota"
        )
    result = actions.verify(args.tool, plan, timeout=args.timeout)
    data = {"ok": result.ok, **result.to_dict(), "requests_estimate": info.verify_requests}
    out.result(data, lambda: _format_verify(result))
    return EXIT_OK if result.ok else EXIT_FAILED


def _format_verify(result: Any) -> str:
    lines = [f"{result.category}: {result.message}"]
    if result.remedy:
        lines.append(result.remedy)
    lines += [f"Warning: {w}" for w in result.warnings]
    if not result.ok and result.output:
        lines.append(f"Output:\n{result.output}")
    return "\n".join(lines)


def cmd_guide(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions

    settings = load_settings(out)
    page = actions.guided_page(args.tool, endpoints(args, settings), args.model or settings.model)
    data = {"ok": True, **page.to_dict()}

    def text() -> str:
        lines = [page.name]
        lines += [f"  {protocol} base URL: {url}" for protocol, url in page.base_urls.items()]
        lines.append(f"  model: {page.model}")
        lines += [f"{i}. {step.message}" for i, step in enumerate(page.steps, 1)]
        lines += [f"Note: {n.message}" for n in page.notes]
        if page.snippet:
            lines.append(page.snippet.rstrip("\n"))
        lines.append("The key is shown masked; 'codingplan key print' prints it for pasting.")
        return "\n".join(lines)

    out.result(data, text)
    return EXIT_OK


def _add_tools(parser: Parser, common: Parser) -> None:
    parser.set_defaults(handler=cmd_tools)


def _add_configured(parser: Parser, common: Parser) -> None:
    parser.set_defaults(handler=cmd_configured)


def _add_verify(parser: Parser, common: Parser) -> None:
    parser.add_argument("tool", choices=ToolIds(automatic=True), metavar="TOOL", help="%(choices)s")
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=180.0,
        metavar="SECONDS",
        help="stop the tool after this long (default: %(default)s)",
    )
    parser.set_defaults(handler=cmd_verify)


def _add_guide(parser: Parser, common: Parser) -> None:
    parser.add_argument(
        "tool", choices=ToolIds(automatic=False), metavar="TOOL", help="%(choices)s"
    )
    parser.add_argument(
        "--model",
        choices=ModelIds(),
        metavar="MODEL",
        help="%(choices)s (default: the one in settings)",
    )
    parser.set_defaults(handler=cmd_guide)


BUILDERS: dict[str, Builder] = {
    "tools": _add_tools,
    "configured": _add_configured,
    "verify": _add_verify,
    "guide": _add_guide,
}
