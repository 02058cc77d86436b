"""Plan: Lite or Pro (their limits and price), the region, and the plan's renewal date (the
month's turn)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from codingplan.plan import Region, Tier
from codingplan.settings import Settings
from codingplan.ui.texts import number, prices
from codingplan.ui.widgets.renewal_date import RenewalDateField
from codingplan.ui.widgets.result_view import plain_label
from codingplan.ui.widgets.scroll import scrolled
from codingplan.ui.wizard.page import SetupPage


def suggested_region(settings: Settings) -> tuple[Region, bool]:
    """The region to show chosen, and whether it is a guess. Before the first setup is
    done the saved region is only the default, so the app's language suggests one: a
    person using the app in Chinese has more likely bought on the China site. A region
    saved by a finished setup (or with the CLI, once set up) is the person's own."""
    if settings.setup_complete or settings.region is not Region.INTL:
        return settings.region, False
    chinese = QLocale().language() == QLocale.Language.Chinese
    return (Region.CN if chinese else Region.INTL), True


def _indented(label: QLabel) -> QLabel:
    label.setContentsMargins(24, 0, 0, 0)  # under its radio button's text
    return label


class PlanPage(SetupPage):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your plan"))
        self.setSubTitle(
            self.tr("The app counts your requests against these limits. Change them any time.")
        )
        self.tiers = QButtonGroup(self)
        self.regions = QButtonGroup(self)
        tier_box = self._tier_box(settings.tier)
        # Nothing is chosen for the person: Next waits for their plan (Pro's headroom is
        # five times Lite's, a wrong guess would show quota that is not there).
        self.tiers.buttonToggled.connect(self._tier_toggled)
        region_box = self._region_box(*suggested_region(settings))

        self.day = RenewalDateField()
        self.day.set_day(settings.subscription_day, kept=settings.setup_complete)
        day_label = QLabel(
            self.tr("The &date the plan's console shows as your plan's renewal or end:")
        )
        day_label.setWordWrap(True)
        day_label.setBuddy(self.day.edit)
        day_box = QGroupBox(self.tr("Monthly reset"))
        day_layout = QVBoxLayout(day_box)
        day_layout.addWidget(day_label)
        day_layout.addWidget(self.day)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(tier_box)
        layout.addWidget(region_box)
        layout.addWidget(day_box)
        layout.addStretch(1)
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(scrolled(content))

    def _tier_toggled(self, *_args: object) -> None:
        self.choose_hint.setVisible(self.tiers.checkedButton() is None)
        self.completeChanged.emit()

    def _tier_box(self, current: Tier | None) -> QGroupBox:
        box = QGroupBox(self.tr("Subscription"))
        layout = QVBoxLayout(box)
        self.choose_hint = plain_label(
            self.tr(
                "Choose the plan you bought: the limits differ five times over, so Next waits "
                "for your choice."
            )
        )
        self.choose_hint.setVisible(current is None)
        layout.addWidget(self.choose_hint)
        titles = {Tier.LITE: self.tr("&Lite"), Tier.PRO: self.tr("&Pro")}
        for tier in Tier:
            info = tier.info
            button = QRadioButton(titles[tier])
            button.setProperty("tier", tier.value)
            button.setChecked(tier is current)
            self.tiers.addButton(button)
            layout.addWidget(button)
            layout.addWidget(
                _indented(
                    plain_label(
                        self.tr(
                            "{prices}: up to {h5} requests per 5 hours, {week} per week and "
                            "{month} per month."
                        ).format(
                            prices=prices(info),
                            h5=number(info.limit_5h),
                            week=number(info.limit_week),
                            month=number(info.limit_month),
                        )
                    )
                )
            )
        layout.addWidget(
            plain_label(
                self.tr(
                    "Every model call counts as one request, and one question in a tool can make "
                    "several calls."
                )
            )
        )
        return box

    def _region_box(self, current: Region, suggested: bool) -> QGroupBox:
        box = QGroupBox(self.tr("Region"))
        layout = QVBoxLayout(box)
        self.suggestion = plain_label(
            self.tr(
                "Choose the site you bought the plan on. The choice below is only a suggestion, "
                "from the app's language."
            )
        )
        self.suggestion.setVisible(suggested)
        layout.addWidget(self.suggestion)
        texts = {
            Region.INTL: (
                self.tr("&International (Singapore)"),
                self.tr(
                    "For a plan bought on the international Alibaba Cloud site (Model Studio "
                    "console). Address: {host}."
                ),
            ),
            Region.CN: (
                self.tr("&China (mainland)"),
                self.tr(
                    "For a plan bought on the China site (Bailian console, aliyun.com). "
                    "Address: {host}."
                ),
            ),
        }
        for region in Region:
            title, explanation = texts[region]
            button = QRadioButton(title)
            button.setProperty("region", region.value)
            button.setChecked(region is current)
            self.regions.addButton(button)
            layout.addWidget(button)
            host = region.info.origin.removeprefix("https://")
            layout.addWidget(_indented(plain_label(explanation.format(host=host))))
        layout.addWidget(
            plain_label(
                self.tr(
                    "A key works only in the region it comes from: a key from one console is "
                    "rejected at the other region's address."
                )
            )
        )
        return box

    # --- the choices -------------------------------------------------------------------

    @staticmethod
    def _checked(group: QButtonGroup) -> QAbstractButton:
        button = group.checkedButton()
        assert button is not None  # one is checked from the start, and stays so (exclusive)
        return button

    def tier(self) -> Tier | None:
        button = self.tiers.checkedButton()
        return Tier(button.property("tier")) if button else None

    def isComplete(self) -> bool:  # Qt asks before enabling Next
        return self.tiers.checkedButton() is not None

    def region(self) -> Region:
        return Region(self._checked(self.regions).property("region"))

    def set_region(self, region: Region) -> None:
        for button in self.regions.buttons():
            button.setChecked(button.property("region") == region.value)

    def first_field(self) -> QWidget:
        return self.tiers.checkedButton() or self.tiers.buttons()[0]

    def save_settings(self, changes: dict[str, Any]) -> None:
        changes.update(tier=self.tier(), region=self.region(), subscription_day=self.day.turn_day())
