"""The ``codingplan`` command. With no command it starts the desktop app.

Heavy modules are imported inside the command that needs them: ``key print`` runs as
Claude Code's apiKeyHelper on every key refresh, so its path imports only ``keyring``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn

from codingplan import __version__
from codingplan.redact import redact

if TYPE_CHECKING:  # heavy modules: imported at run time only by the commands that need them
    from codingplan.errors import CodingPlanError
    from codingplan.settings import Settings
    from codingplan.usage import Snapshot, Tracker

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_TOOLS_BAD_INPUT = ("unknown_tool", "guided_tool", "key_mode_unsupported", "confirmation_required")
# Errors that mean the command line itself was wrong: exit code 2, like a usage error.
_BAD_INPUT = frozenset(
    {
        "bad_origin",
        "bad_setting",
        "bad_setting_name",
        "unknown_model",
        "key_format",
        "bad_reading",
        *_TOOLS_BAD_INPUT,
    }
)
# quota.ORIGIN_VARIABLE, named here so that checking it loads no tool.
_ORIGIN_VARIABLE = "CODINGPLAN_ORIGIN"


class UsageError(Exception):
    """Bad usage: reported like any error, with exit code 2."""

    def __init__(self, message: str, prog: str = "codingplan") -> None:
        super().__init__(message)
        self.prog = prog
        self.message = message


class _Parser(argparse.ArgumentParser):
    # Builds the epilog when help is shown: building the parser is on the path of ``key
    # print``, which must not load the settings or the plan's catalog.
    epilog_from: Callable[[], str] | None = None

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)

    def format_help(self) -> str:
        if self.epilog_from is not None:
            self.epilog = self.epilog_from()
        return super().format_help()


class Output:
    """Prints results as text, or as one JSON object on stdout with ``--json``.

    Everything goes out through here, and everything is masked here: a key pasted in the
    wrong place (``key set sk-sp-…``, ``--model sk-sp-…``) is never repeated."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def result(self, data: dict[str, Any], text: str | Callable[[], str] = "") -> None:
        if self.as_json:
            print(json.dumps(_masked(data), ensure_ascii=False))
        elif text:
            print(redact(text() if callable(text) else text))

    def error(
        self, code: str, message: str, remedy: str = "", *, prog: str = "codingplan", **extra: Any
    ) -> None:
        """One clear line on stderr; with --json also the JSON on stdout."""
        if self.as_json:
            error = {"code": code, "message": message, "remedy": remedy}
            data = {**extra, "ok": False, "error": error}
            print(json.dumps(_masked(data), ensure_ascii=False))
        line = f"{message} {remedy}".strip()
        print(redact(f"{prog}: {line}"), file=sys.stderr)

    def notice(self, text: str) -> None:
        print(redact(f"codingplan: {text}"), file=sys.stderr)

    def secret(self, data: dict[str, Any]) -> None:
        """``key print --json`` only: the one output meant to hold the key."""
        print(json.dumps(data, ensure_ascii=False))


def _masked(value: Any) -> Any:
    """``value`` with every string masked, before it is encoded: in the encoded text an
    escape such as ``\\n`` would hide a key that follows it from the mask."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {redact(k) if isinstance(k, str) else k: _masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    return value


# --- commands --------------------------------------------------------------------------------


def cmd_key_set(args: argparse.Namespace, out: Output) -> int:
    """Exit 0: the key is stored, and every tool holding a copy of the old one was updated
    (or, without --yes and a terminal, is listed in ``tools_to_update``). Exit 1 with
    ``stored: true``: the key is stored, but the tools in ``tools_not_updated`` still hold
    the old one (why, and the command to run once that is fixed, in ``next``)."""
    from codingplan import actions, integrations, keystore
    from codingplan.plan import read_key_input

    if sys.stdin.isatty():
        import getpass

        raw = getpass.getpass("Plan key (sk-sp-…, input hidden): ")
    else:
        raw = read_key_input(sys.stdin)
    stored = actions.store_key(raw)
    state = keystore.status()
    copies, failed = _update_key_copies(args, out, stored.rotations)
    failed = {**stored.failed, **failed}
    for tool_id, err in failed.items():
        out.notice(
            f"{integrations.name(tool_id)} still holds the old key: {err.one_line()} Then run "
            f"'codingplan configure {tool_id} --yes'."
        )
    not_updated = [{"tool": t, **err.to_dict()} for t, err in failed.items()]
    out.result(
        {
            "ok": not failed,
            **state.to_dict(),
            **copies,
            "tools_not_updated": not_updated,
            "next": [f"codingplan configure {t} --yes" for t in failed],
        },
        f"Stored {stored.masked} in {state.backend} (service '{keystore.SERVICE}', "
        f"account '{keystore.ACCOUNT}').",
    )
    return EXIT_FAILED if failed else EXIT_OK


def cmd_key_status(args: argparse.Namespace, out: Output) -> int:
    from codingplan import keystore

    state = keystore.status()
    if state.error:
        out.error(state.error.code, state.error.message, state.error.remedy, **state.to_dict())
        return EXIT_FAILED
    where = f"{state.backend} (service '{keystore.SERVICE}', account '{keystore.ACCOUNT}')"
    if not state.stored:
        out.error(
            "key_missing",
            f"No plan key is stored in {where}.",
            "Store it with 'codingplan key set' or in the setup wizard.",
            **state.to_dict(),
        )
        return EXIT_FAILED
    out.result({"ok": True, **state.to_dict()}, f"Key {state.masked} is stored in {where}.")
    return EXIT_OK


def cmd_key_clear(args: argparse.Namespace, out: Output) -> int:
    """Offers to revert the tools holding a copy of the key first (asked on a terminal, yes
    by default; --yes reverts them unasked). Without a terminal or --yes while copies exist,
    nothing is removed (exit 2): the key would live on in those files."""
    from codingplan import actions, integrations

    holding = actions.tools_holding_key()
    names = ", ".join(integrations.name(t) for t in holding)
    revert = True
    if holding and not args.yes:
        if not _can_ask(out):
            commands = ", ".join(f"'codingplan revert {t}'" for t in holding)
            out.error(
                "confirmation_required",
                f"Not removed: {names} still hold{'s' * (len(holding) == 1)} a copy of the key "
                "in their files, and there is no terminal to ask whether to revert them.",
                f"Run again with --yes to revert them and remove the key, or run {commands} first.",
                removed=False,
                reverted=[],
                still_holding=holding,
            )
            return EXIT_USAGE
        print(f"{names} hold{'s' * (len(holding) == 1)} a copy of the key in their files.")
        revert = _ask_yes("Revert them (undo what this app set there) before removing the key?")
    cleared = actions.clear_key(revert)
    failed = {t: err for t, err in cleared.still_holding.items() if err is not None}
    data = {
        "ok": not failed,
        "removed": cleared.removed,
        "reverted": cleared.reverted,
        "still_holding": list(cleared.still_holding),
        "errors": {t: err.to_dict() for t, err in failed.items()},
        "files_holding_key": [str(p) for p in cleared.files_holding_key],
    }

    def text() -> str:
        lines = [f"Reverted {integrations.name(t)}." for t in cleared.reverted]
        for tool_id, err in cleared.still_holding.items():
            why = f" ({err.one_line()})" if err else ""
            lines.append(
                f"{integrations.name(tool_id)} still holds a copy of the key{why}: run "
                f"'codingplan revert {tool_id}' to remove it."
            )
        lines.append(
            "Removed the key from the keyring." if cleared.removed else "No key was stored."
        )
        lines += [
            f"{p} still holds the key (yours, from before): remove it there too if it should go."
            for p in cleared.files_holding_key
        ]
        return "\n".join(lines)

    out.result(data, text)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_key_print(args: argparse.Namespace, out: Output) -> int:
    from codingplan import keystore

    key = keystore.require_key()
    if out.as_json:
        out.secret({"ok": True, "key": key})
    else:
        sys.stdout.write(key + "\n")
    return EXIT_OK


def cmd_test(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions, probe

    settings = _settings(out)
    endpoints = _endpoints(args, settings)
    model = (args.model or settings.model).strip()
    protocols = ["openai", "anthropic"] if args.protocol == "both" else [args.protocol]

    # One deadline for the whole test: the free check and every request.
    deadline = probe.Deadline(args.timeout)
    reach = probe.check_reachability(endpoints, deadline)
    results: list[probe.ProbeResult] = []
    if reach.ok and not args.free:
        if not out.as_json:
            n = len(protocols)
            out.notice(
                f"sending {n} test request{'s' * (n > 1)}: each uses 1 request of the plan's quota"
            )
        results = actions.send_test_requests(endpoints, protocols, model, deadline)
    ok = reach.ok and all(r.ok for r in results)
    data = {
        "ok": ok,
        "origin": endpoints.origin,
        "model": model,
        "reachability": reach.to_dict(),
        "results": [r.to_dict() for r in results] or _unsent(reach, protocols, model),
        "requests_used": sum(r.sent for r in results),
    }
    out.result(data, lambda: _format_test(data))
    return EXIT_OK if ok else EXIT_FAILED


def _unsent(reach: Any, protocols: list[str], model: str) -> list[dict[str, Any]]:
    """Results for requests not sent: the reachability failure stands for each of them."""
    if reach.ok:
        return []
    fields = reach.to_dict()
    return [
        {
            "protocol": p,
            "ok": False,
            "category": fields["category"],
            "status": None,
            "message": fields["message"],
            "remedy": fields["remedy"],
            "model": model,
            "sent": False,
        }
        for p in protocols
    ]


def _format_test(data: dict[str, Any]) -> str:
    reach = data["reachability"]
    steps = ", ".join(f"{s['name']} {s['elapsed_ms']} ms" for s in reach["steps"])
    lines = [f"Reachability: {reach['message']} ({steps})" if steps else reach["message"]]
    for r in data["results"]:
        lines.append(f"{r['protocol']:<10} {r['category']:<18} {r['message']}")
        if r["remedy"]:
            lines.append(f"{'':<29} {r['remedy']}")
        if r.get("identity"):
            lines.append(f"{'':<29} (sent as {r['identity']}: the plan serves coding tools only)")
    if data["requests_used"]:
        lines.append(f"Requests used: {data['requests_used']}")
    return "\n".join(lines)


def cmd_settings_show(args: argparse.Namespace, out: Output) -> int:
    from codingplan import paths
    from codingplan import settings as settings_mod

    settings = _settings(out)
    data = settings.to_dict()
    shown = {
        settings_mod.SHOWN_NAMES[k]: v for k, v in data.items() if k in settings_mod.SHOWN_NAMES
    }
    # The names 'settings set' takes; the JSON keeps the file's own names.
    text = "\n".join(
        [f"# {paths.settings_file()}"] + [f"{k} = {_show(v)}" for k, v in shown.items()]
    )
    out.result({"ok": True, "path": str(paths.settings_file()), "settings": data}, text)
    return EXIT_OK


def cmd_settings_set(args: argparse.Namespace, out: Output) -> int:
    from codingplan import settings as settings_mod

    attr, value = settings_mod.parse_value(
        args.name, args.value, allow_insecure_origin=args.allow_insecure_origin
    )
    since = _moment(args.since, "--since") if args.since else None
    if since is not None and attr != "tier":
        raise UsageError(
            "--since goes only with the tier (when the plan was changed)", "codingplan settings set"
        )
    told: dict[str, Any] = {}
    if attr == "start_at_login":  # the login entry itself, as the app's Settings tab does
        from codingplan import actions

        result, told["login_entry"] = actions.set_start_at_login(value)
    else:
        result = settings_mod.update({attr: value}, since=since)
    _tell(out, result.notices)
    data = result.settings.to_dict()
    name = settings_mod.SHOWN_NAMES[attr]
    text = f"{name} = {_show(data[attr])}"
    if told:
        verb = "written" if value else "removed"
        text += f" (login entry {verb}: {told['login_entry']})"
    out.result({"ok": True, "name": name, "value": data[attr], **told, "settings": data}, text)
    return EXIT_OK


def _show(value: Any) -> str:
    """A value as ``settings set`` takes it back (unset is empty, as for the origin)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)  # unset (the tier before it is chosen)


# --- coding tools: tools, configure, revert, verify, guide --------------------------------------


def _tool_options(args: argparse.Namespace, out: Output) -> Any:
    from codingplan import actions

    settings = _settings(out)
    return actions.configure_options(
        args.tool,
        settings,
        _endpoints(args, settings),
        args.model,
        args.key_mode,
        getattr(args, "status_line", None),
    )


def _ask(question: str) -> bool:
    """A yes/no question on the terminal; anything but yes is no."""
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def _ask_yes(question: str) -> bool:
    """A yes/no question on the terminal whose answer is yes unless the person says no."""
    try:
        answer = input(f"{question} [Y/n] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("", "y", "yes")


def _can_ask(out: Output) -> bool:
    return not out.as_json and sys.stdin.isatty() and sys.stdout.isatty()


def _show_plan(planned: Any) -> str:
    lines = [planned.diff.rstrip("\n")] if not planned.empty else []
    lines += [f"Note: {n.message}" for n in planned.notes]
    return "\n".join(lines)


def _confirmation_required(what: str) -> Exception:
    from codingplan.errors import CodingPlanError

    return CodingPlanError(
        "confirmation_required",
        "Not {what}: there is no terminal to ask for confirmation.",
        "Preview with --dry-run, then run again with --yes.",
        what=what,
    )


def cmd_tools(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions, integrations

    statuses = actions.tool_statuses(_endpoints(args, _settings(out)))
    rows = []
    for info in integrations.INTEGRATIONS:
        row: dict[str, Any] = {"id": info.id, "name": info.name, "automatic": info.automatic}
        status = statuses.get(info.id)
        if status is None:
            row.update(state="guided", installed=None, version=None, config_files=[])
            row.update(configured=None, overrides=[], notes=[])
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
        lines += [f"{'':<13} {note}" for note in row["notes"]]
    return "\n".join(lines)


def cmd_configure(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions, integrations

    name = integrations.adapter(args.tool).name
    options = _tool_options(args, out)
    return _preview_and_apply(
        args,
        out,
        name,
        lambda: actions.preview_configure(args.tool, options),
        nothing=f"{name} is already configured that way; nothing to change.",
        question=f"Apply these changes to {name}?",
        done="configured",
    )


def _preview_and_apply(
    args: argparse.Namespace,
    out: Output,
    name: str,
    preview: Callable[[], Any],
    nothing: str,
    question: str,
    done: str,
    nothing_to_do: Callable[[Any], bool] = lambda planned: planned.empty,
) -> int:
    """Preview a change to a tool, then (unless only shown) ask and apply it: configure's
    and revert's common course."""
    from codingplan import actions

    # With --yes nobody is asked in between: preview and apply hold the tool's lock together,
    # so that runs at the same time land one after the other, each on the other's result.
    with actions.tool_lock(args.tool) if args.yes else contextlib.nullcontext():
        planned = preview()
        data: dict[str, Any] = {"ok": True, "plan": planned.to_dict(), "applied": False}
        if nothing_to_do(planned):
            out.result(data, nothing)
            return EXIT_OK
        if args.dry_run:
            out.result(data, lambda: _show_plan(planned))
            return EXIT_OK
        if not args.yes:
            if not _can_ask(out):
                raise _confirmation_required(done)
            print(redact(_show_plan(planned)))
            if not _ask(question):
                out.notice("nothing was changed.")
                return EXIT_FAILED
        result = actions.apply(planned)
    data.update(applied=True, result=result.to_dict())
    out.result(data, lambda: _format_applied(name, result, planned if args.yes else None))
    return EXIT_OK


def _format_applied(name: str, result: Any, shown: Any) -> str:
    lines = [_show_plan(shown)] if shown is not None else []
    verb = "Configured" if result.action != "revert" else "Reverted"
    lines.append(f"{verb} {name}.")
    lines += [f"Wrote {p}" for p in result.written]
    lines += [f"Removed {p}" for p in result.removed]
    lines += [f"Backup of the earlier file: {p}" for p in result.backups]
    return "\n".join(line for line in lines if line)


def cmd_configured(args: argparse.Namespace, out: Output) -> int:
    """The tools this app changed, one per line (``id  name``): what an uninstaller offers
    to revert first."""
    from codingplan import actions, integrations
    from codingplan.errors import CodingPlanError
    from codingplan.tools import records

    rows: list[dict[str, Any]] = []
    for tool_id in actions.configured_tools():
        row: dict[str, Any] = {"id": tool_id, "name": integrations.name(tool_id), "files": []}
        try:
            record = records.load(tool_id)
        except CodingPlanError as err:
            row["error"] = err.to_dict()
        else:
            row["files"] = [f.path for f in record.files] if record else []
        rows.append(row)
    out.result({"ok": True, "tools": rows}, "\n".join(f"{r['id']:<12} {r['name']}" for r in rows))
    return EXIT_OK


def cmd_revert(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions, integrations

    if args.all == bool(args.tool):
        what = "give a TOOL or --all, not both" if args.all else "give a TOOL or --all"
        raise UsageError(what, "codingplan revert")
    if args.all:
        return _revert_all(args, out)
    name = integrations.adapter(args.tool).name
    return _preview_and_apply(
        args,
        out,
        name,
        lambda: actions.preview_revert(args.tool),
        nothing=f"This app has set nothing for {name}; nothing to revert.",
        question=f"Revert these changes to {name}?",
        done="reverted",
        # A record whose files are as they were still goes: revert then forgets it.
        nothing_to_do=lambda planned: not planned.files,
    )


def _revert_all(args: argparse.Namespace, out: Output) -> int:
    """Every tool this app changed, previewed together and asked once (or --yes)."""
    from codingplan import actions, integrations

    tools = actions.configured_tools()
    if not tools:
        out.result({"ok": True, "reverted": [], "errors": {}}, "This app has set up no tool.")
        return EXIT_OK
    names = ", ".join(integrations.name(t) for t in tools)
    if args.dry_run or not args.yes:
        plans = [actions.preview_revert(t) for t in tools]
        if args.dry_run:
            data = {"ok": True, "applied": False, "plans": [p.to_dict() for p in plans]}
            out.result(data, lambda: "\n".join(_show_plan(p) for p in plans))
            return EXIT_OK
        if not _can_ask(out):
            raise _confirmation_required("reverted")
        print(redact("\n".join(_show_plan(p) for p in plans)))
        if not _ask(f"Revert these changes to {names}?"):
            out.notice("nothing was changed.")
            return EXIT_FAILED
        done, failed = actions.apply_each(plans)
    else:
        done, failed = actions.revert_all()
    for tool_id, err in failed.items():
        out.notice(f"{integrations.name(tool_id)} was not reverted: {err.one_line()}")
    reverted = [r.tool_id for r in done]
    data = {
        "ok": not failed,
        "reverted": reverted,
        "errors": {t: err.to_dict() for t, err in failed.items()},
    }
    out.result(data, "\n".join(f"Reverted {integrations.name(t)}." for t in reverted))
    return EXIT_FAILED if failed else EXIT_OK


def cmd_verify(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions, integrations

    adapter = integrations.adapter(args.tool)
    if not out.as_json:
        n = adapter.requests_per_verify
        out.notice(
            f"running {adapter.name} once with a tiny prompt: this uses about {n} "
            f"request{'s' * (n > 1)} of the plan's quota"
        )
    result = actions.verify(args.tool, timeout=args.timeout)
    data = {"ok": result.ok, **result.to_dict(), "requests_estimate": adapter.requests_per_verify}
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

    settings = _settings(out)
    page = actions.guided_page(args.tool, _endpoints(args, settings), args.model or settings.model)
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


def _update_key_copies(
    args: argparse.Namespace, out: Output, plans: list[Any]
) -> tuple[dict[str, Any], dict[str, CodingPlanError]]:
    """After a new key is stored: the tools holding a copy of the old one, updated or listed,
    and those whose update failed, with why."""
    from codingplan import actions

    if not plans:
        return {"tools_updated": [], "tools_to_update": []}, {}
    names = [p.tool_id for p in plans]
    if not args.yes:
        if not _can_ask(out):
            out.notice(
                f"{', '.join(names)} still hold the old key: run 'codingplan configure TOOL "
                "--yes' for each, or 'codingplan key set --yes' with the new key."
            )
            return {"tools_updated": [], "tools_to_update": names}, {}
        for planned in plans:
            print(redact(_show_plan(planned)))
        if not _ask(f"Put the new key in {', '.join(names)} too?"):
            return {"tools_updated": [], "tools_to_update": names}, {}
    done, failed = actions.apply_each(plans)
    updated = [r.tool_id for r in done]
    if updated and not out.as_json:
        out.notice(f"updated the key in {', '.join(updated)}")
    return {"tools_updated": updated, "tools_to_update": []}, failed


class _ToolIds:
    """The tool ids that ``--help`` lists, looked up only when it is shown: building the
    parser is on the path of ``key print``, which loads no tool. Every value passes
    argparse's check: the core refuses a wrong one with its own clearer sentence (a tool set
    up by hand is pointed at its guide)."""

    def __init__(self, automatic: bool) -> None:
        self.automatic = automatic

    def _ids(self) -> tuple[str, ...]:
        from codingplan import integrations

        return integrations.AUTOMATIC_IDS if self.automatic else integrations.IDS

    def __contains__(self, value: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids())


MAX_TIMEOUT_S = 86_400.0  # a day: more than any answer or tool run needs, within every clock


def _seconds(text: str) -> float:
    """A timeout: a number of seconds above 0 that a clock can wait for."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MAX_TIMEOUT_S:  # also false for nan
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a timeout; give a number of seconds above 0, at most "
            f"{MAX_TIMEOUT_S:.0f}"
        )
    return seconds


class _ModelIds:
    """The catalog's model ids for ``--help``, looked up only when it is shown (like
    ``_ToolIds``); the core refuses an unknown id with its own sentence."""

    def __contains__(self, value: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        from codingplan.plan import CATALOG

        return iter(m.id for m in CATALOG)


def _add_tool_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    automatic, every = _ToolIds(automatic=True), _ToolIds(automatic=False)
    commands.add_parser(
        "tools", help="list the coding tools, their state and files", parents=[common]
    ).set_defaults(handler=cmd_tools)

    configure = commands.add_parser(
        "configure",
        help="set up a coding tool for the plan (shows the change first)",
        parents=[common],
    )
    configure.add_argument("tool", choices=automatic, metavar="TOOL", help="%(choices)s")
    configure.add_argument(
        "--model",
        choices=_ModelIds(),
        metavar="MODEL",
        help="%(choices)s (default: the tool's last choice, else the one in settings)",
    )
    configure.add_argument(
        "--key-mode",
        choices=["keyring", "inline"],
        help="%(choices)s: the key read from the keyring when the tool can, or kept in its "
        "file (default: the tool's last choice, else what the tool supports)",
    )
    configure.add_argument(
        "--status-line",
        action=argparse.BooleanOptionalAction,
        help="claude-code: show the plan's usage in its status line, where you have none of "
        "your own (default: the tool's last choice, else yes)",
    )
    configure.add_argument("--dry-run", action="store_true", help="only show the change")
    configure.add_argument("--yes", action="store_true", help="apply without asking")
    configure.set_defaults(handler=cmd_configure)

    commands.add_parser(
        "configured",
        help="list the tools whose files this app changed (what revert --all undoes)",
        parents=[common],
    ).set_defaults(handler=cmd_configured)

    revert = commands.add_parser(
        "revert", help="undo what this app set in a tool's files", parents=[common]
    )
    revert.add_argument("tool", nargs="?", choices=automatic, metavar="TOOL", help="%(choices)s")
    revert.add_argument(
        "--all", action="store_true", help="every tool this app changed (see 'configured')"
    )
    revert.add_argument("--dry-run", action="store_true", help="only show the change")
    revert.add_argument("--yes", action="store_true", help="revert without asking")
    revert.set_defaults(handler=cmd_revert)

    verify = commands.add_parser(
        "verify",
        help="run a configured tool once, headless (uses 1-2 requests of quota)",
        parents=[common],
    )
    verify.add_argument("tool", choices=automatic, metavar="TOOL", help="%(choices)s")
    verify.add_argument(
        "--timeout",
        type=_seconds,
        default=180.0,
        metavar="SECONDS",
        help="stop the tool after this long (default: %(default)s)",
    )
    verify.set_defaults(handler=cmd_verify)

    guide = commands.add_parser(
        "guide", help="the manual steps for a tool (Cursor, Codex, ...)", parents=[common]
    )
    guide.add_argument("tool", choices=every, metavar="TOOL", help="%(choices)s")
    guide.add_argument(
        "--model",
        choices=_ModelIds(),
        metavar="MODEL",
        help="%(choices)s (default: the one in settings)",
    )
    guide.set_defaults(handler=cmd_guide)


# --- usage: the quota tracker ----------------------------------------------------------------


def _tracker(args: argparse.Namespace, settings: Any, out: Output) -> Any:
    from codingplan import quota

    tracker = quota.open_tracker(settings, _endpoints(args, settings))
    _tell(out, tracker.notices)
    return tracker


def cmd_usage(args: argparse.Namespace, out: Output) -> int:
    from codingplan.errors import CodingPlanError

    if args.line:
        from codingplan.usage.line import main as line_main

        return line_main(out.as_json)
    settings = _settings(out)
    with _tracker(args, settings, out) as tracker:
        try:
            report = tracker.refresh()
        except CodingPlanError as err:
            if err.code != "ledger_busy":
                raise
            # Another program holds the ledger: what it holds already is still worth showing.
            out.notice(err.one_line())
        else:
            for path, error in report.errors.items():
                out.notice(f"could not read {path}: {error}")
        if not args.watch:
            snapshot = tracker.snapshot(settings)
            out.result({"ok": True, **snapshot.to_dict()}, lambda: _format_usage(snapshot))
            return EXIT_OK
        return _watch_usage(tracker, settings, out)


def _watch_usage(tracker: Tracker, settings: Settings, out: Output) -> int:
    """Print the estimate, then again each time it changes, until interrupted."""
    import threading

    from codingplan.usage import Watcher

    wake = threading.Event()
    shown = None
    with Watcher(tracker.roots, wake.set):
        while True:
            snapshot = tracker.snapshot(settings)
            data = {"ok": True, **snapshot.to_dict()}
            comparable = {k: v for k, v in data.items() if k not in ("now", "forecast")}
            if comparable != shown:
                shown = comparable

                # A def, not a lambda: mypy cannot infer a lambda with defaults here.
                def text(s: Snapshot = snapshot) -> str:
                    return _format_usage(s) + "\n"

                out.result(data, text)
                sys.stdout.flush()
            # Also wake for the next 5-hour return, which changes the numbers by itself.
            wake.wait(_seconds_to_next_change(snapshot))
            wake.clear()
            tracker.refresh()


def _seconds_to_next_change(snapshot: Snapshot) -> float:
    next_ms = snapshot.windows["5h"].next_release_ms
    if next_ms is None:
        return 60.0
    return min(60.0, max(1.0, (next_ms - snapshot.now_ms) / 1000 + 0.5))


def cmd_usage_calibrate(args: argparse.Namespace, out: Output) -> int:
    settings = _settings(out)
    tier = settings.tier
    limit = tier.info.limit(args.window) if tier else None
    total = args.total
    _check_reading(args.window, args.used, total, limit, tier.label if tier else "")
    at = _moment(args.at, "--at") if args.at else None
    with _tracker(args, settings, out) as tracker:
        tracker.refresh()
        tracker.calibrate(args.window, args.used, total, now=at)
        snapshot = tracker.snapshot(settings)
    window = snapshot.to_dict()["windows"][args.window]
    shown_total = total if total is not None else limit
    of = f" of {shown_total:,}" if shown_total is not None else ""
    text = f"Noted: {_WINDOW_NAMES[args.window]} {args.used:,}{of} used now."
    if window["remaining"] is not None:
        text += f" Estimate: {window['remaining']:,} left."
    out.result(
        {"ok": True, "window": args.window, "used": args.used, "total": total, "estimate": window},
        text,
    )
    return EXIT_OK


def _moment(text: str, option: str) -> Any:
    """A past moment given on the command line: ISO 8601 with its zone."""
    from datetime import UTC, datetime, timedelta

    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"{option} takes a time such as 2026-12-01T09:30+08:00") from None
    if moment.tzinfo is None:
        raise UsageError(f"{option} needs the time's zone, such as +08:00 or Z")
    now = datetime.now(UTC)
    if not now - timedelta(days=62) <= moment <= now + timedelta(minutes=1):
        raise UsageError(f"{option} must be a moment of the last two months, not later than now")
    return moment


def _check_reading(window: str, used: int, total: int | None, limit: int | None, tier: str) -> None:
    """Refuse a console reading no plan can show, one sentence per way it is wrong."""
    from codingplan.errors import CodingPlanError
    from codingplan.plan import Tier

    most = Tier.PRO.info.limit(window)  # the largest quota any plan has for this window
    name = _QUOTA_NAMES[window]
    problem = ""
    if used < 0:
        problem = "USED cannot be negative: give the number of requests the console shows as used."
    elif total is not None and total <= 0:
        problem = "--total must be more than 0: give the total the console shows."
    elif total is not None and total > most:
        problem = (
            f"--total {total:,} is impossible: no plan has more than {most:,} {name} requests."
        )
    elif total is not None and used > total:
        problem = f"USED {used:,} is more than the total ({total:,}): check both numbers."
    elif total is None and limit is not None and used > limit:
        problem = (
            f"USED {used:,} is more than the {limit:,} requests of the {tier} plan's {name} "
            "quota: check the number, or give the console's total with --total (or set the "
            "tier with 'codingplan settings set tier')."
        )
    if problem:
        raise CodingPlanError("bad_reading", problem)


_WINDOW_NAMES = {"5h": "5 hours", "week": "week", "month": "month"}
_QUOTA_NAMES = {"5h": "5-hour", "week": "weekly", "month": "monthly"}


def _local_time(iso: str, with_day: bool = False) -> str:
    from datetime import datetime

    moment = datetime.fromisoformat(iso)
    return moment.strftime("%a %Y-%m-%d %H:%M" if with_day else "%H:%M")


def _format_usage(snapshot: Snapshot) -> str:
    data = snapshot.to_dict()
    where = "these computers'" if data["machines"] else "this computer's"
    plan = f"{snapshot.tier.label} plan" if snapshot.tier else "No plan chosen"
    lines = [f"{plan}, estimated from {where} records"]
    for window, w in data["windows"].items():
        how = w["confidence"].replace("_", " ")
        if w.get("calibration"):
            how += f", read {_age(w['calibration']['age_minutes'])} ago"
        if w["limit"] is None:
            line = f"{_WINDOW_NAMES[window]:<8} {w['used']:>7,} used  ({how}; no plan chosen)"
        else:
            line = (
                f"{_WINDOW_NAMES[window]:<8} {w['used']:>7,} of {w['limit']:>6,} used  "
                f"{w['remaining']:>7,} left  ({how})"
            )
        if window == "5h" and w.get("resume_at"):
            line += f"  used up: a call is possible again {_local_time(w['resume_at'], True)}"
        elif window == "5h" and w["releases"]:
            first, last = w["releases"][0], w["releases"][-1]
            line += (
                f"  next back {_local_time(first['at'])} (+{first['count']}),"
                f" all back by {_local_time(last['at'])}"
            )
        elif window != "5h":
            line += f"  resets {_local_time(w['resets_at'], with_day=True)}"
        lines.append(line)
        lines.extend(f"         {note}" for note in w.get("notes", []))
    forecast = data["forecast"]
    if forecast["binding"]:
        at = forecast["windows"][forecast["binding"]]["runs_out_at"]
        name = _QUOTA_NAMES[forecast["binding"]]
        runs_out_ms = snapshot.forecast.windows[forecast["binding"]].runs_out_ms
        assert runs_out_ms is not None  # the binding window is one that runs out
        if runs_out_ms <= snapshot.now_ms:
            lines.append(f"The {name} quota is used up.")
        else:
            lines.append(f"At this pace the {name} quota runs out {_local_time(at, True)}.")
    else:
        lines.append("At this pace no quota runs out before it resets.")
    fed = [f"{s['id']} {s['requests']:,}" for s in data["sources"] if s["requests"]]
    lines.append("This month: " + (", ".join(fed) if fed else "no requests recorded"))
    if data["machines"]:
        shown = [
            f"{m['label']} {m['requests']:,}" + (" (silent for days)" if m["silent"] else "")
            for m in data["machines"]
        ]
        lines.append("By computer: " + ", ".join(shown))
    lines += [f"Note: {n}" for n in data["notices"]]
    if snapshot.tier is None:
        lines.append(
            "The tier is unset, so nothing is shown as left: "
            "run 'codingplan settings set tier lite' (or pro)."
        )
    return "\n".join(lines)


def _age(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h {minutes % 60} min"
    return f"{minutes // 1440} days"


# --- shared helpers --------------------------------------------------------------------------


def _tell(out: Output, notices: list[CodingPlanError]) -> None:
    for notice in notices:
        out.notice(notice.one_line())


def _settings(out: Output) -> Settings:
    from codingplan import settings as settings_mod

    result = settings_mod.load()
    _tell(out, result.notices)
    return result.settings


def _endpoints(args: argparse.Namespace, settings: Any) -> Any:
    from codingplan import quota

    return quota.resolve_endpoints(settings, args.origin)


# --- parser ----------------------------------------------------------------------------------


def _common() -> _Parser:
    # Defaults are suppressed so that an option given after the command does not reset one
    # given before it.
    # A _Parser like the subparsers, whose parents typeshed wants of their own class; it
    # never parses, so its error() is never used.
    common = _Parser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    common.add_argument(
        "--origin",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="use this origin instead of the region's (env CODINGPLAN_ORIGIN)",
    )
    common.add_argument(
        "--allow-insecure-origin",
        action="store_true",
        default=argparse.SUPPRESS,
        help="take a plain http:// origin on another computer, although the key then travels "
        "unencrypted (env CODINGPLAN_ALLOW_INSECURE_ORIGIN=1)",
    )
    common.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log to stderr"
    )
    return common


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with ``command``, one holding only that command (and those built
    with it): building them all costs a quick command several milliseconds, in gettext."""
    common = _common()
    parser = _Parser(
        prog="codingplan",
        description="Coding Plan Configurator. Without a command, starts the desktop app.",
        parents=[common],
    )
    # Not set_defaults for the shared options: it would change the shared action objects'
    # defaults in every subparser too. main() fills in what was not given.
    parser.set_defaults(handler=None)
    parser.add_argument("--version", action="version", version=f"codingplan {__version__}")
    parser.add_argument(
        "--tray",
        action="store_true",
        help="start the desktop app in the tray, without opening its window (as at login)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    for names, add in _COMMANDS:
        if command is None or command in names:
            add(commands, common)
    return parser


def _add_key_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    key = commands.add_parser("key", help="the plan key in the OS keyring", parents=[common])
    key_cmds = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    for name, handler, text in (
        ("set", cmd_key_set, "store the key (from stdin when piped, else a hidden prompt)"),
        ("status", cmd_key_status, "say whether a key is stored, and where"),
        ("clear", cmd_key_clear, "remove the key from the keyring"),
        ("print", cmd_key_print, "print the key alone (for Claude Code's apiKeyHelper)"),
    ):
        key_parser = key_cmds.add_parser(name, help=text, parents=[common])
        key_parser.set_defaults(handler=handler)
        if handler is cmd_key_set:
            key_parser.add_argument(
                "--yes", action="store_true", help="also update tools holding a copy, unasked"
            )
        if handler is cmd_key_clear:
            key_parser.add_argument(
                "--yes", action="store_true", help="first revert the tools holding a copy, unasked"
            )


def _add_test_command(commands: Any, common: argparse.ArgumentParser) -> None:
    test = commands.add_parser(
        "test",
        help="test the connection (each request sent uses 1 request of quota)",
        parents=[common],
    )
    test.add_argument(
        "--protocol",
        choices=["openai", "anthropic", "both"],
        default="both",
        help="%(choices)s (default: %(default)s)",
    )
    test.add_argument(
        "--model",
        choices=_ModelIds(),
        metavar="MODEL",
        help="%(choices)s (default: the one in settings)",
    )
    test.add_argument(
        "--free", action="store_true", help="only check reachability; send no model request"
    )
    test.add_argument(
        "--timeout",
        type=_seconds,
        default=60.0,
        metavar="SECONDS",
        help="when to give up on the whole test, every step included (default: %(default)s)",
    )
    test.set_defaults(handler=cmd_test)


def _add_settings_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    settings = commands.add_parser("settings", help="show or change preferences", parents=[common])
    settings_cmds = settings.add_subparsers(
        dest="settings_command", metavar="ACTION", required=True
    )
    settings_cmds.add_parser("show", help="show all settings", parents=[common]).set_defaults(
        handler=cmd_settings_show
    )
    setter = settings_cmds.add_parser(
        "set",
        help="change one setting: tier, region, origin, subscription-day, model, language, "
        "notify-at, start-at-login",
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    setter.epilog_from = _settings_help
    setter.add_argument("name", metavar="NAME", help="the setting (listed below)")
    setter.add_argument("value", metavar="VALUE", help="its new value")
    setter.add_argument(
        "--since",
        metavar="TIME",
        help="with tier: when the plan was changed, as ISO 8601 with its zone (default: now)",
    )
    setter.set_defaults(handler=cmd_settings_set)


def _add_usage_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    usage = commands.add_parser(
        "usage",
        help="how much of the plan's quota is left (from the tools' own records)",
        description="Without an ACTION: how much of each window (5h, week, month) is left, "
        "estimated from the coding tools' own records.",
        parents=[common],
    )
    usage.add_argument("--watch", action="store_true", help="print again whenever it changes")
    usage.add_argument(
        "--line",
        action="store_true",
        help="one short line from the ledger, for a shell prompt or a status bar",
    )
    usage.set_defaults(handler=cmd_usage)
    usage_cmds = usage.add_subparsers(dest="usage_command", metavar="ACTION")
    calibrate = usage_cmds.add_parser(
        "calibrate",
        help="'calibrate WINDOW USED [--total N]': enter what the plan's console shows for "
        "5h, week or month now",
        parents=[common],
    )
    calibrate.add_argument(
        "window", choices=["5h", "week", "month"], metavar="WINDOW", help="%(choices)s"
    )
    calibrate.add_argument(
        "used", type=int, metavar="USED", help="the requests the console shows as used"
    )
    calibrate.add_argument(
        "--total",
        type=int,
        metavar="N",
        help="the total the console shows (default: your tier's limit for the window, if set)",
    )
    calibrate.add_argument(
        "--at",
        metavar="TIME",
        help="when the console showed it, as ISO 8601 with its zone (default: now)",
    )
    calibrate.set_defaults(handler=cmd_usage_calibrate)


# Each builder with the commands it adds, in the order help lists them.
_COMMANDS: tuple[tuple[tuple[str, ...], Callable[[Any, argparse.ArgumentParser], None]], ...] = (
    (("key",), _add_key_commands),
    (("test",), _add_test_command),
    (("settings",), _add_settings_commands),
    (("tools", "configure", "configured", "revert", "verify", "guide"), _add_tool_commands),
    (("usage",), _add_usage_commands),
)


def _settings_help() -> str:
    from codingplan import settings

    values = settings.describe_values()
    width = max(map(len, values)) + 2
    lines = [f"  {name:<{width}}{values[name]}" for name in settings.CLI_NAMES]
    return "settings and their values:\n" + "\n".join(lines)


def _setup_logging(verbose: bool) -> None:
    import logging

    from codingplan.redact import install_log_masking

    install_log_masking()
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def _parse(argv: list[str], out: Output) -> argparse.Namespace | int:
    """The parsed command line, or the exit code once help, the version or a usage error
    has been shown (as JSON with ``--json``, like every other answer)."""
    shown = io.StringIO()
    try:
        with contextlib.redirect_stdout(shown):
            return build_parser(_command_named(argv)).parse_args(argv)
    except UsageError as exc:
        return _usage_error(out, exc)
    except SystemExit as exc:  # --help or --version, printed into ``shown``
        text = shown.getvalue()
        if not out.as_json:
            sys.stdout.write(text)
        elif text.strip() == f"codingplan {__version__}":
            out.result({"ok": True, "version": __version__})
        else:
            out.result({"ok": True, "help": text})
        return exc.code if isinstance(exc.code, int) else EXIT_OK


def _command_named(argv: list[str]) -> str | None:
    """The command ``argv`` starts with, if it is one; else (options first, a typo, the
    top-level help) None, for the whole parser."""
    first = argv[0] if argv else ""
    return first if any(first in names for names, _add in _COMMANDS) else None


def _usage_error(out: Output, exc: UsageError) -> int:
    message = exc.message.rstrip(".")
    out.error("usage", f"{message}.", f"Run '{exc.prog} --help' for usage.", prog=exc.prog)
    return EXIT_USAGE


def _check_origins(args: argparse.Namespace) -> None:
    """Check the origin given for this run (``--origin``, else the variable) before any
    command uses it; a confirmation of plain http:// holds for the whole run. A command
    that sends nothing anywhere (the key, the settings) is not stopped by the variable:
    it is how a person gets to fix things."""
    import os

    from codingplan.env import Env
    from codingplan.plan import INSECURE_ORIGIN_VARIABLE, normalize_origin

    env = Env.current()
    allow = bool(args.allow_insecure_origin) or env.var(INSECURE_ORIGIN_VARIABLE) == "1"
    if allow:  # seen by whatever reads it later in this run, the desktop app included
        os.environ[INSECURE_ORIGIN_VARIABLE] = "1"
    args.allow_insecure_origin = allow
    if args.origin:
        args.origin = normalize_origin(args.origin, allow_insecure=allow)
    elif env.var(_ORIGIN_VARIABLE) and args.handler not in _NO_ORIGIN:
        normalize_origin(env.var(_ORIGIN_VARIABLE) or "", allow_insecure=allow)


_NO_ORIGIN = frozenset(
    {cmd_key_set, cmd_key_status, cmd_key_clear, cmd_key_print, cmd_settings_show, cmd_settings_set}
)


def main(argv: list[str] | None = None) -> int:
    # ``usage --line`` alone is told apart by the entry point (codingplan.launch), before
    # this module loads; here it goes through the parser like any command.
    argv = sys.argv[1:] if argv is None else argv
    out = Output("--json" in argv)
    parsed = _parse(argv, out)
    if isinstance(parsed, int):
        return parsed
    args = parsed
    for name, default in (
        ("json", False),
        ("origin", None),
        ("verbose", False),
        ("allow_insecure_origin", False),
    ):
        if not hasattr(args, name):
            setattr(args, name, default)
    out.as_json = args.json
    from codingplan.errors import CodingPlanError

    try:
        # The key helper path stays as lean as possible; the desktop app logs on its own.
        if args.handler is not cmd_key_print:
            from codingplan import paths
            from codingplan.tools import keyhelper

            paths.make_private()
            keyhelper.refresh_launcher()  # this install may have moved since it was written
            if args.handler is not None or args.verbose:
                _setup_logging(args.verbose)
        if args.handler is not cmd_key_print:
            _check_origins(args)
        if args.handler is None:
            return _start_gui(args)
        handler: Callable[[argparse.Namespace, Output], int] = args.handler
        return handler(args, out)
    except UsageError as exc:
        return _usage_error(out, exc)
    except CodingPlanError as err:
        out.error(err.code, err.message, err.remedy)
        return EXIT_USAGE if err.code in _BAD_INPUT else EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED


def _start_gui(args: argparse.Namespace) -> int:
    from codingplan.ui.app import run

    return run(tray_only=args.tray, origin=args.origin)


def gui_main() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main(sys.argv[1:])
