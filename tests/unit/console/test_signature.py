"""The ACS3-HMAC-SHA256 signature, against the published test vector."""

from datetime import UTC, datetime, timedelta, timezone

from codingplan.console.signature import (
    acs_date,
    authorization,
    canonical_request,
    sha256_hex,
    sign,
)

EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
VECTOR_HEADERS = {
    "host": "modelstudio.cn-beijing.aliyuncs.com",
    "content-type": "application/json",
    "x-acs-action": "GenerateCLIAccessToken",
    "x-acs-version": "2026-02-10",
    "x-acs-date": "2024-01-01T00:00:00Z",
    "x-acs-signature-nonce": "00000000-0000-4000-8000-000000000000",
    "x-acs-content-sha256": EMPTY_SHA256,
}
VECTOR_PATH = "/modelstudio/cli/generateAccessToken"


def test_the_published_test_vector():
    assert sha256_hex("") == EMPTY_SHA256
    signed = sign("testSecret", "POST", VECTOR_PATH, "", VECTOR_HEADERS, EMPTY_SHA256)
    assert signed.canonical_hash == (
        "e0075df56bc9c8d65e87022d8e6a1dd873f6b2a603636e5ec63bdacbbb630cbd"
    )
    assert signed.signature == "0efe27d7d7a62efb7c47fb992c4ea0955cfc16a1031c1a93c4edb896e859c4c4"
    assert authorization("LTAItestAK", signed) == (
        "ACS3-HMAC-SHA256 Credential=LTAItestAK,SignedHeaders=content-type;host;"
        "x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
        "Signature=0efe27d7d7a62efb7c47fb992c4ea0955cfc16a1031c1a93c4edb896e859c4c4"
    )


def test_the_canonical_request_signs_only_host_content_type_and_acs_headers():
    headers = {**VECTOR_HEADERS, "User-Agent": "x", "Accept": "*/*", "X-Acs-Security-Token": "t"}
    request, names = canonical_request("post", VECTOR_PATH, "", headers, EMPTY_SHA256)
    assert names.split(";") == sorted([*VECTOR_HEADERS, "x-acs-security-token"])
    assert request.startswith(f"POST\n{VECTOR_PATH}\n\ncontent-type:application/json\n")
    assert "user-agent" not in request and "accept" not in request
    assert request.endswith(f"\n\n{names}\n{EMPTY_SHA256}")


def test_a_different_secret_or_header_changes_the_signature():
    base = sign("testSecret", "POST", VECTOR_PATH, "", VECTOR_HEADERS, EMPTY_SHA256)
    assert sign("testSecreT", "POST", VECTOR_PATH, "", VECTOR_HEADERS, EMPTY_SHA256) != base
    moved = {**VECTOR_HEADERS, "x-acs-date": "2024-01-01T00:00:01Z"}
    assert sign("testSecret", "POST", VECTOR_PATH, "", moved, EMPTY_SHA256).signature != (
        base.signature
    )


def test_the_date_is_utc_to_the_second():
    moment = datetime(2024, 1, 1, 8, 0, 0, 999_999, tzinfo=timezone(timedelta(hours=8)))
    assert acs_date(moment) == "2024-01-01T00:00:00Z"
    assert acs_date(datetime(2030, 12, 31, 23, 59, 59, tzinfo=UTC)) == "2030-12-31T23:59:59Z"
