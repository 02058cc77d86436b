"""On a first run the plan is chosen, never preselected: Next waits for Lite or Pro."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

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
