"""English and Simplified Chinese: the catalogue is complete and faithful to its sources, the
app shows it, and every screen's layout holds in both languages."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget, QWizard

from codingplan.ui import translations
from tests.conftest import REPO
from tests.fakes.plan_server import TEST_KEY
from tests.gui.layout import cut_off

CATALOGUE = REPO / "resources" / "translations" / "codingplan_zh_CN.ts"
SCRIPT = REPO / "scripts" / "translations.py"
FIELD = re.compile(r"\{[a-z_0-9]*\}")
MNEMONIC = re.compile(r"&(?!&)(\w)")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message.find("translation")
    return found


@pytest.fixture(scope="module")
def updated(tmp_path_factory) -> Path:
    """The committed catalogue after ``scripts/translations.py update`` (on a copy)."""
    spec = importlib.util.spec_from_file_location("translations_script", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    ts = tmp_path_factory.mktemp("ts") / CATALOGUE.name
    shutil.copyfile(CATALOGUE, ts)
    script.update({"zh_CN": ts})
    return ts


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict:
    """What lupdate finds in the sources as they are now."""
    ts = tmp_path_factory.mktemp("ts") / "fresh_zh_CN.ts"
    sources = sorted(str(p) for p in (REPO / "gui" / "codingplan").rglob("*.py"))
    lupdate = str(Path(sys.executable).with_name("pyside6-lupdate"))
    subprocess.run(
        [lupdate, *sources, "-no-obsolete", "-ts", str(ts)], check=True, capture_output=True
    )
    return messages(ts)


def test_an_update_of_the_committed_catalogue_changes_nothing(updated):
    """An update adds no noise to a change: the committed catalogue is what it writes."""
    assert updated.read_bytes() == CATALOGUE.read_bytes()


def test_every_string_in_the_code_is_in_the_catalogue(fresh):
    committed = messages(CATALOGUE)
    missing = sorted(set(fresh) - set(committed))
    assert not missing, f"run scripts/translations.py update and translate: {missing[:10]}"
    assert len(fresh) > 300


def test_every_message_is_translated(fresh):
    unfinished = [
        key
        for key, translation in messages(CATALOGUE).items()
        if translation is None
        or translation.get("type") in ("unfinished", "vanished", "obsolete")
        or not (translation.text or "").strip()
    ]
    assert not unfinished, unfinished[:10]


def test_translations_keep_fields_links_and_mnemonics():
    for (context, source), translation in messages(CATALOGUE).items():
        text = translation.text or ""
        assert sorted(FIELD.findall(text)) == sorted(FIELD.findall(source)), (context, source, text)
        assert ("href=" in text) == ("href=" in source), (context, source)
        assert len(MNEMONIC.findall(text)) == len(MNEMONIC.findall(source)), (context, source, text)
        if MNEMONIC.search(source):  # the Chinese convention: the same letter, e.g. 刷新(&R)
            assert (
                MNEMONIC.search(text).group(1).lower() == MNEMONIC.search(source).group(1).lower()
            ), (source, text)


def test_chinese_uses_the_same_ellipsis_as_english():
    """A menu item that opens a window ends in "…" in both languages, never "..."."""
    for (context, source), translation in messages(CATALOGUE).items():
        text = translation.text or ""
        assert "..." not in text, (context, source, text)
        assert source.count("…") == text.count("…"), (context, source, text)


@pytest.fixture
def chinese(qapp):
    translations.install(qapp, "zh_CN")
    yield
    translations.install(qapp, "en")


def test_the_app_shows_chinese_and_core_texts_follow(chinese):
    assert QCoreApplication.translate("texts", "5 hours") != "5 hours"
    assert re.search(r"[\u4e00-\u9fff]", QCoreApplication.translate("Tray", "Open dashboard"))
    # A core template, marked in a Qt-free module, is translated then filled.
    from codingplan.errors import CodingPlanError
    from codingplan.plan import check_key

    try:
        check_key("sk-0123456789")
    except CodingPlanError as err:
        message, remedy = translations.error_texts(err)
    assert re.search(r"[\u4e00-\u9fff]", message) and "sk-sp-" in message + remedy


def settle(qtbot, ms: int = 200) -> None:
    qtbot.wait(ms)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_dashboard_layouts_hold(language, qapp, qtbot, history, started):
    from codingplan.ui.dashboard.window import Dashboard

    translations.install(qapp, language)
    try:
        window = Dashboard(started)
        qtbot.addWidget(window)
        window.resize(window.sizeHint())
        window.show()
        qtbot.waitExposed(window)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            settle(qtbot)
            assert cut_off(window.tabs.currentWidget()) == [], (
                language,
                window.tabs.tabText(index),
            )
    finally:
        translations.install(qapp, "en")


@pytest.mark.parametrize("size", ["default", "minimum"])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_wizard_layouts_hold(language, size, qapp, qtbot, model, plan_server, monkeypatch):
    from codingplan.ui.wizard.wizard import PageId, SetupWizard

    monkeypatch.setenv("CODINGPLAN_ORIGIN", plan_server.origin)
    translations.install(qapp, language)
    try:
        wizard = SetupWizard(model)
        qtbot.addWidget(wizard)
        if size == "minimum":  # pages scroll there; nothing may be cut off
            wizard.resize(wizard.minimumSize())
        wizard.show()
        qtbot.waitExposed(wizard)
        next_button = wizard.button(QWizard.WizardButton.NextButton)

        def check(name: str) -> None:
            settle(qtbot)
            assert cut_off(wizard) == [], (language, name)

        check("welcome")
        wizard.welcome_page.acknowledge.click()
        for page_id, name in ((PageId.PLAN, "plan"), (PageId.KEY, "key")):
            qtbot.waitUntil(next_button.isEnabled)
            next_button.click()
            qtbot.waitUntil(lambda p=page_id: wizard.currentId() == p)
            check(name)
        wizard.key_page.entry.edit.setText(TEST_KEY)
        qtbot.waitUntil(next_button.isEnabled)
        next_button.click()
        qtbot.waitUntil(lambda: wizard.currentId() == PageId.CONNECTION, timeout=15_000)
        qtbot.waitUntil(
            lambda: wizard.connection_page.test.reachability is not None, timeout=15_000
        )
        check("connection")
        next_button.click()
        qtbot.waitUntil(lambda: wizard.currentId() == PageId.CONSOLE)
        check("the plan's own figures")
        next_button.click()
        qtbot.waitUntil(lambda: wizard.tools_page.found is not None, timeout=30_000)
        check("tools")
        for row in wizard.tools_page.rows.values():
            if row.check.isChecked() != (row.info.id == "claude-code"):
                row.check.click()
        next_button.click()
        tool = wizard.tool_pages["claude-code"].setup_widget
        qtbot.waitUntil(lambda: tool.change_set is not None, timeout=15_000)
        check("claude-code")
        next_button.click()
        qtbot.waitUntil(lambda: wizard.currentId() == PageId.FINISH)
        check("finish")
    finally:
        from codingplan import keystore

        keystore.delete_key()
        translations.install(qapp, "en")


def test_the_layout_check_sees_a_cut_off_text(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    box = QWidget()
    qtbot.addWidget(box)
    layout = QHBoxLayout(box)
    button = QPushButton("A button whose text is far too long for its place")
    button.setMaximumWidth(60)
    layout.addWidget(button)
    label = QLabel("A label that does not wrap and is far too long to fit")
    label.setMaximumWidth(50)
    layout.addWidget(label)
    box.show()
    qtbot.waitExposed(box)
    problems = cut_off(box)
    assert any(p.startswith("button") for p in problems) and any(
        p.startswith("label") for p in problems
    )
