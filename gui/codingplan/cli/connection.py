"""``codingplan test``: is the plan's host reachable (free), and does a request with the
stored key get an answer (each costs one request of quota)?"""

from __future__ import annotations

import argparse
from typing import Any

from codingplan.cli.common import endpoints, load_settings
from codingplan.cli.output import EXIT_FAILED, EXIT_OK, Output
from codingplan.cli.parser import Builder, ModelIds, Parser, seconds


def cmd_test(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions

    settings = load_settings(out)
    plan = endpoints(args, settings)
    model = (args.model or settings.model).strip()
    protocols = ["openai", "anthropic"] if args.protocol == "both" else [args.protocol]

    def sending(n: int) -> None:
        if not out.as_json:
            out.notice(
                f"sending {n} test request{'s' * (n > 1)}: each uses 1 request of the plan's quota"
            )

    # One deadline for the whole test: the free check and every request.
    test = actions.test_connection(plan, protocols, model, args.timeout, args.free, sending)
    data = {
        "ok": test.ok,
        "origin": plan.origin,
        "model": model,
        "reachability": test.reachability.to_dict(),
        "results": [r.to_dict() for r in test.results] or _unsent(test, protocols, model),
        "requests_used": test.requests_used,
    }
    out.result(data, lambda: _format_test(data))
    return EXIT_OK if test.ok else EXIT_FAILED


def _unsent(test: Any, protocols: list[str], model: str) -> list[dict[str, Any]]:
    """Results for requests not sent: the reachability failure stands for each of them."""
    if test.reachability.ok:
        return []
    fields = test.reachability.to_dict()
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


def _add_test(parser: Parser, common: Parser) -> None:
    parser.add_argument(
        "--protocol",
        choices=["openai", "anthropic", "both"],
        default="both",
        help="%(choices)s (default: %(default)s)",
    )
    parser.add_argument(
        "--model",
        choices=ModelIds(),
        metavar="MODEL",
        help="%(choices)s (default: the one in settings)",
    )
    parser.add_argument(
        "--free", action="store_true", help="only check reachability; send no model request"
    )
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=60.0,
        metavar="SECONDS",
        help="when to give up on the whole test, every step included (default: %(default)s)",
    )
    parser.set_defaults(handler=cmd_test)


BUILDERS: dict[str, Builder] = {"test": _add_test}
