"""Every way reading the console can fail, each a ``CodingPlanError`` with its own code and
a sentence that names its fix.

The console's own words (HTTP status, error code and message) go in the ``detail`` field
for a "Details" fold, never into the sentence; they pass through ``redact`` (which masks
the AccessKey ID to its last 4 characters and the secret, the STS token and the console
token whole once they are loaded), so no secret reaches an error, its args or its details.
"""

from __future__ import annotations

import json
import re

from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.redact import redact

# The least-privilege RAM policy: a RAM user with only this may mint console tokens. The
# RAM console's visual editor does not list the action, so it is pasted in the JSON editor.
POLICY = {
    "Version": "1",
    "Statement": [
        {"Effect": "Allow", "Action": "modelstudio:GenerateCLIAccessToken", "Resource": "*"}
    ],
}
POLICY_JSON = json.dumps(POLICY, indent=2)

# A clock this far off is named as the cause of a refused signature (Alibaba Cloud allows
# about 15 minutes; a few minutes less still make it the likely cause).
CLOCK_TOLERANCE_S = 5 * 60
_DETAIL_LEN = 600

# Every code below, for a caller that sorts them (the console's faults vs. the others).
NO_PERMISSION = "console_no_permission"
UNKNOWN_ACCESS_KEY = "console_unknown_access_key"
CLOCK = "console_clock"
SIGNATURE = "console_signature"
STS_TOKEN = "console_sts_token"
NOT_LOGGED_IN = "console_not_logged_in"
BL_EXPIRED = "console_bl_expired"
NOT_MEMBER = "console_not_member"
WORKSPACE_PERMISSION = "console_workspace_permission"
NO_PLAN = "console_no_plan"
PLAN_NOT_VALID = "console_plan_not_valid"
TIMEOUT = "console_timeout"
REDIRECT = "console_redirect"
UNREACHABLE = "console_unreachable"
HTTP_ERROR = "console_http_error"
REFUSED = "console_refused"
BAD_ANSWER = "console_bad_answer"
NO_CREDENTIALS = "console_no_credentials"
CREDENTIALS_FORMAT = "console_credentials_format"
CREDENTIALS_DAMAGED = "console_credentials_damaged"
CODES = frozenset(
    {
        NO_PERMISSION,
        UNKNOWN_ACCESS_KEY,
        CLOCK,
        SIGNATURE,
        STS_TOKEN,
        NOT_LOGGED_IN,
        BL_EXPIRED,
        NOT_MEMBER,
        WORKSPACE_PERMISSION,
        NO_PLAN,
        PLAN_NOT_VALID,
        TIMEOUT,
        REDIRECT,
        UNREACHABLE,
        HTTP_ERROR,
        REFUSED,
        BAD_ANSWER,
        NO_CREDENTIALS,
        CREDENTIALS_FORMAT,
        CREDENTIALS_DAMAGED,
    }
)


def clean(text: str, limit: int = _DETAIL_LEN) -> str:
    """Outside text made safe to show: secrets masked, control characters gone, bounded."""
    flat = re.sub(r"[\x00-\x1f\x7f]+", " ", redact(text)).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _fault(
    code: str, message: str, remedy: str, detail: str = "", **params: object
) -> CodingPlanError:
    return CodingPlanError(code, message, remedy, detail=clean(detail), **params)


# --- the mint: an AccessKey pair becomes a console token ------------------------------------


def no_permission(detail: str) -> CodingPlanError:
    return _fault(
        NO_PERMISSION,
        QT_TRANSLATE_NOOP(
            "errors",
            "This AccessKey may not sign in to the console: its RAM user lacks the permission "
            "modelstudio:GenerateCLIAccessToken.",
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "In the RAM console, attach this policy to the user (paste it in the JSON editor: "
            "the visual editor does not list this action), then try again.",
        ),
        detail,
        policy=POLICY_JSON,
    )


def unknown_access_key(detail: str) -> CodingPlanError:
    return _fault(
        UNKNOWN_ACCESS_KEY,
        QT_TRANSLATE_NOOP(
            "errors", "Alibaba Cloud does not know this AccessKey ID, or it is disabled."
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Check the AccessKey in the RAM console (or create a new one for the RAM user), "
            "then log in to the console again.",
        ),
        detail,
    )


def clock(skew_s: float, detail: str) -> CodingPlanError:
    """The signature was refused and this computer's clock is ``skew_s`` seconds off the
    console's (positive: ahead)."""
    minutes = max(1, round(abs(skew_s) / 60))
    message = (
        QT_TRANSLATE_NOOP(
            "errors",
            "The console refused the request's signature: this computer's clock is "
            "{minutes} min ahead of the console's.",
        )
        if skew_s > 0
        else QT_TRANSLATE_NOOP(
            "errors",
            "The console refused the request's signature: this computer's clock is "
            "{minutes} min behind the console's.",
        )
    )
    return _fault(
        CLOCK,
        message,
        QT_TRANSLATE_NOOP(
            "errors", "Set the clock to the right time (turn on automatic time), then try again."
        ),
        detail,
        minutes=minutes,
        skew_seconds=round(skew_s),
    )


def signature(detail: str) -> CodingPlanError:
    return _fault(
        SIGNATURE,
        QT_TRANSLATE_NOOP(
            "errors",
            "The console refused the request's signature: the AccessKey secret does not match "
            "its ID.",
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Log in to the console again with the secret shown when the AccessKey was created "
            "(or create a new AccessKey), and check that this computer's clock is right.",
        ),
        detail,
    )


def sts_token(detail: str) -> CodingPlanError:
    return _fault(
        STS_TOKEN,
        QT_TRANSLATE_NOOP(
            "errors",
            "The console refused the STS token: it has expired or belongs to another AccessKey.",
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Log in to the console again with a fresh STS token, or with a permanent AccessKey "
            "of a RAM user.",
        ),
        detail,
    )


# --- the gateway: the console's answer about the plan ---------------------------------------


def not_logged_in(detail: str) -> CodingPlanError:
    return _fault(
        NOT_LOGGED_IN,
        QT_TRANSLATE_NOOP(
            "errors", "The console did not accept its sign-in, even one made just now."
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Check the site the account is on (International or China) and log in to the "
            "console again with it.",
        ),
        detail,
    )


def bl_expired(detail: str) -> CodingPlanError:
    return _fault(
        BL_EXPIRED,
        QT_TRANSLATE_NOOP("errors", "The console sign-in of Alibaba's bl command has expired."),
        QT_TRANSLATE_NOOP(
            "errors",
            "Run 'bl auth login --console' again, or log in to the console here with an "
            "AccessKey, which does not expire.",
        ),
        detail,
    )


def not_member(detail: str) -> CodingPlanError:
    return _fault(
        NOT_MEMBER,
        QT_TRANSLATE_NOOP(
            "errors", "The AccessKey's RAM user is not a member of the Model Studio workspace."
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "In the Model Studio console, add the RAM user to the workspace's members, then try "
            "again.",
        ),
        detail,
    )


def workspace_permission(permission: str, detail: str) -> CodingPlanError:
    return _fault(
        WORKSPACE_PERMISSION,
        QT_TRANSLATE_NOOP(
            "errors",
            "The AccessKey's RAM user lacks a permission in the Model Studio workspace: "
            "{permission}.",
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "In the Model Studio console, give the RAM user that permission in the workspace, "
            "then try again.",
        ),
        detail,
        permission=clean(permission, 160) or "?",
    )


def no_plan(detail: str) -> CodingPlanError:
    return _fault(
        NO_PLAN,
        QT_TRANSLATE_NOOP("errors", "The console shows no Coding Plan on this account."),
        QT_TRANSLATE_NOOP(
            "errors",
            "Check that the AccessKey belongs to the account that bought the plan, and the "
            "site it was bought on (International or China).",
        ),
        detail,
    )


def plan_not_valid(statuses: list[str], detail: str) -> CodingPlanError:
    return _fault(
        PLAN_NOT_VALID,
        QT_TRANSLATE_NOOP(
            "errors", "This account's Coding Plan is no longer valid (the console says {statuses})."
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Buy or renew a plan in the Coding Plan console, or log in with an AccessKey of the "
            "account that holds your current plan.",
        ),
        detail,
        statuses=clean(", ".join(statuses), 120),
    )


# --- the way there ----------------------------------------------------------------------------


def timeout(seconds: float) -> CodingPlanError:
    return _fault(
        TIMEOUT,
        QT_TRANSLATE_NOOP("errors", "The console did not answer within {seconds} seconds."),
        QT_TRANSLATE_NOOP("errors", "Check your internet connection, then try again."),
        seconds=round(seconds),
    )


def redirect(location: str, detail: str) -> CodingPlanError:
    return _fault(
        REDIRECT,
        QT_TRANSLATE_NOOP(
            "errors", "The console's address sent the request elsewhere ({location})."
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "A network sign-in page or a proxy may be in the way: sign in to the network or "
            "check the proxy, then try again.",
        ),
        detail,
        location=clean(location, 120) or "?",
    )


def unreachable(host: str, detail: str) -> CodingPlanError:
    return _fault(
        UNREACHABLE,
        QT_TRANSLATE_NOOP("errors", "The console at {host} could not be reached."),
        QT_TRANSLATE_NOOP(
            "errors", "Check your internet connection and proxy settings, then try again."
        ),
        detail,
        host=clean(host, 120),
    )


def http_error(status: int, detail: str) -> CodingPlanError:
    return _fault(
        HTTP_ERROR,
        QT_TRANSLATE_NOOP("errors", "The console answered with an error (HTTP {status})."),
        QT_TRANSLATE_NOOP("errors", "Try again in a few minutes."),
        detail,
        status=status,
    )


def refused(code: str, detail: str) -> CodingPlanError:
    return _fault(
        REFUSED,
        QT_TRANSLATE_NOOP("errors", "The console refused the request ({console_code})."),
        QT_TRANSLATE_NOOP("errors", "Try again later; the console's own words are under Details."),
        detail,
        console_code=clean(code, 120) or "?",
    )


def bad_answer(reason: str) -> CodingPlanError:
    """An answer of the wrong shape; ``reason`` (English, for Details) says what was wrong."""
    return _fault(
        BAD_ANSWER,
        QT_TRANSLATE_NOOP("errors", "The console's answer was not in the form this app reads."),
        QT_TRANSLATE_NOOP(
            "errors",
            "Try again later; if it keeps happening, the console may have changed: look for a "
            "newer version of this app.",
        ),
        reason,
    )


# --- the credentials ---------------------------------------------------------------------


def no_credentials() -> CodingPlanError:
    return _fault(
        NO_CREDENTIALS,
        QT_TRANSLATE_NOOP("errors", "No AccessKey for the plan's console is stored."),
        QT_TRANSLATE_NOOP(
            "errors", "Add one with 'codingplan console login' or in the app's Key tab."
        ),
    )


def credentials_format(message: str) -> CodingPlanError:
    """``message`` is one of the templates in ``credentials``, naming what is wrong."""
    return _fault(
        CREDENTIALS_FORMAT,
        message,
        QT_TRANSLATE_NOOP(
            "errors",
            "Copy the AccessKey ID and secret again from the RAM console (the secret is shown "
            "only when the AccessKey is created) and log in again.",
        ),
    )


def credentials_damaged(detail: str) -> CodingPlanError:
    return _fault(
        CREDENTIALS_DAMAGED,
        QT_TRANSLATE_NOOP("errors", "The AccessKey stored for the console could not be read."),
        QT_TRANSLATE_NOOP("errors", "Log in to the console again to store it anew."),
        detail,
    )
