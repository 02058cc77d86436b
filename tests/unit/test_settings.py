import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codingplan import paths, settings
from codingplan.errors import CodingPlanError
from codingplan.plan import Region, Tier
from codingplan.shown import Shown


def test_missing_file_gives_defaults_without_notices():
    result = settings.load()
    assert result.notices == []
    # No tier until one is chosen: no made-up headroom.
    assert result.settings.tier is None and result.settings.region is Region.INTL
    assert result.settings.model == "qwen3-coder-plus"
    assert result.settings.notify_at == (80, 95)


def test_save_then_load_round_trips_and_lives_in_the_config_dir(home):
    s = settings.Settings(tier=Tier.LITE, region=Region.CN, subscription_day=31, notify_at=(50, 90))
    written = settings.save(s)
    assert written == paths.settings_file()
    assert str(written).startswith(str(home))
    data = json.loads(written.read_text())
    assert data["schema_version"] == settings.SCHEMA_VERSION
    loaded = settings.load().settings
    assert (loaded.tier, loaded.region, loaded.subscription_day, loaded.notify_at) == (
        Tier.LITE,
        Region.CN,
        31,
        (50, 90),
    )


def test_a_damaged_file_is_moved_aside_and_the_person_told():
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"tier": "lite",\n  oops\n}')
    result = settings.load()
    assert result.settings.tier is None  # defaults in use: no tier until one is chosen
    (notice,) = result.notices
    assert notice.code == "settings_damaged"
    assert "line 2" in notice.message
    aside = list(path.parent.glob("settings.json.damaged-*"))
    assert len(aside) == 1 and aside[0].read_text() == '{"tier": "lite",\n  oops\n}'
    assert not path.exists()


@pytest.mark.parametrize("content", [b"[1, 2]", b"\xff\xfe\x00", b""])
def test_non_object_or_undecodable_files_count_as_damaged(content):
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    result = settings.load()
    assert [n.code for n in result.notices] == ["settings_damaged"]
    assert len(list(path.parent.glob("settings.json.damaged-*"))) == 1


def test_bad_values_are_reset_one_by_one_and_a_copy_is_kept():
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"tier": "gold", "region": "cn", "subscription_day": 40}))
    result = settings.load()
    assert result.settings.region is Region.CN  # the good value stays
    assert result.settings.tier is None and result.settings.subscription_day == 1
    assert result.notices[0].code == "settings_reset_values"
    assert "tier" in result.notices[0].message and "subscription-day" in result.notices[0].message
    assert len(list(path.parent.glob("settings.json.damaged-*"))) == 1
    assert path.exists()


def test_keys_from_a_newer_version_survive_a_save():
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema_version": 1, "tier": "lite", "future_thing": {"a": [1]}}))
    result = settings.load()
    settings.save(result.settings)
    assert json.loads(path.read_text())["future_thing"] == {"a": [1]}


@pytest.mark.parametrize(
    "name, value, attr, expected",
    [
        ("tier", "LITE", "tier", Tier.LITE),
        ("region", "cn", "region", Region.CN),
        ("subscription-day", "29", "subscription_day", 29),
        ("model", "glm-5", "model", "glm-5"),
        ("language", "zh_CN", "language", "zh_CN"),
        ("notify-at", "95, 80%,80", "notify_at", (80, 95)),
        ("origin", "http://127.0.0.1:9/", "origin", "http://127.0.0.1:9"),
        ("origin", "", "origin", ""),
        ("start-at-login", "yes", "start_at_login", True),
        ("show", " Used ", "show", Shown.USED),
        ("show", "left", "show", Shown.LEFT),
    ],
)
def test_parse_value_accepts(name, value, attr, expected):
    assert settings.parse_value(name, value) == (attr, expected)


@pytest.mark.parametrize(
    "name, value, code",
    [
        ("tier", "gold", "bad_setting"),
        ("subscription-day", "0", "bad_setting"),
        ("subscription-day", "32", "bad_setting"),
        ("subscription-day", "x", "bad_setting"),
        ("model", "Qwen3-Coder-Plus", "unknown_model"),
        ("notify-at", "0,100", "bad_setting"),
        ("notify-at", "abc", "bad_setting"),
        ("language", "fr", "bad_setting"),
        ("show", "both", "bad_setting"),
        ("origin", "nope", "bad_origin"),
        ("colour", "red", "bad_setting_name"),
    ],
)
def test_parse_value_refuses_with_a_clear_error(name, value, code):
    with pytest.raises(CodingPlanError) as info:
        settings.parse_value(name, value)
    assert info.value.code == code
    assert info.value.remedy


@given(day=st.integers(min_value=1, max_value=31), notify=st.sets(st.integers(1, 99), min_size=1))
def test_any_valid_settings_round_trip(tmp_path_factory, day, notify):
    path = tmp_path_factory.mktemp("s") / "settings.json"
    s = settings.Settings(subscription_day=day, notify_at=tuple(sorted(notify)))
    settings.save(s, path)
    assert settings.load(path).settings == s


def test_unwritable_location_gives_a_clear_error(tmp_path):
    # A file where the folder should be: fails for root too, unlike a chmod.
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    with pytest.raises(CodingPlanError) as info:
        settings.save(settings.Settings(), blocker / "settings.json")
    assert info.value.code == "settings_unwritable"
    assert str(blocker) in info.value.message
