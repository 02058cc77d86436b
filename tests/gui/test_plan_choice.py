"""On a first run the plan is chosen, never preselected: Next waits for Lite or Pro."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWizard

from codingplan.plan import Tier
from codingplan.ui.wizard.wizard import PageId, SetupWizard

pytestmark = pytest.mark.secret_service


def test_no_tier_is_chosen_for_the_person(qtbot, fresh_model):
    assert fresh_model.settings.tier is None
    with qtbot.waitSignal(fresh_model.key_changed):
        wizard = SetupWizard(fresh_model)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.welcome_page.acknowledge.click()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    next_button.click()
    assert wizard.currentId() == PageId.PLAN
    plan = wizard.plan_page
    assert plan.tiers.checkedButton() is None and wizard.tier() is None
    assert not next_button.isEnabled()
    assert plan.choose_hint.isVisible() and "Next waits for your choice" in plan.choose_hint.text()
    lite = next(b for b in plan.tiers.buttons() if b.property("tier") == "lite")
    lite.click()
    assert next_button.isEnabled() and wizard.tier() is Tier.LITE
    assert not plan.choose_hint.isVisible()
    qtbot.waitUntil(lambda: not fresh_model.tasks.busy)


def plan_page_of(qtbot, model) -> SetupWizard:
    with qtbot.waitSignal(model.key_changed):
        wizard = SetupWizard(model)
    qtbot.addWidget(wizard)
    return wizard


def checked_region(wizard) -> str:
    return wizard.plan_page.regions.checkedButton().property("region")


def test_both_sites_prices_are_shown_as_each_site_charges(qtbot, fresh_model):
    texts = [
        label.text() for label in plan_page_of(qtbot, fresh_model).plan_page.findChildren(QLabel)
    ]
    pro = next(t for t in texts if "6,000 requests per 5 hours" in t)
    assert "US$50 a month on the international site" in pro and "¥200 on the China site" in pro
    lite = next(t for t in texts if "1,200 requests per 5 hours" in t)
    assert "US$10" in lite and "¥40" in lite


def test_the_language_only_suggests_the_site_on_a_first_run(qtbot, qapp, fresh_model):
    from codingplan.ui import translations

    english = plan_page_of(qtbot, fresh_model)
    assert checked_region(english) == "intl" and english.plan_page.suggestion.isVisibleTo(
        english.plan_page
    )
    translations.install(qapp, "zh_CN")
    chinese = plan_page_of(qtbot, fresh_model)
    assert checked_region(chinese) == "cn"  # a person using the app in Chinese: the China site
    assert chinese.plan_page.suggestion.isVisibleTo(chinese.plan_page)
    assert "建议" in chinese.plan_page.suggestion.text()
    # Once set up, the saved region is the person's own, whatever the language.
    fresh_model.update_settings(tier=Tier.PRO, setup_complete=True)
    again = plan_page_of(qtbot, fresh_model)
    assert checked_region(again) == "intl" and not again.plan_page.suggestion.isVisibleTo(
        again.plan_page
    )
    qtbot.waitUntil(lambda: not fresh_model.tasks.busy)
