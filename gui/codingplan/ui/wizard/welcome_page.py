"""Welcome: what the app does, and the plan's notice about where inference runs, which the
person acknowledges before going on."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from codingplan.ui import style
from codingplan.ui.widgets.header import HeaderMark
from codingplan.ui.widgets.result_view import plain_label
from codingplan.ui.widgets.scroll import scrolled
from codingplan.ui.wizard.page import SetupPage


class WelcomePage(SetupPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome"))
        self.setSubTitle(
            self.tr("Set up Alibaba Cloud Model Studio's Coding Plan on this computer.")
        )
        self.mark = HeaderMark(
            48,
            self.tr(
                "Your Coding Plan key kept safe, your coding tools set up, and what is left of "
                "your quota in the tray."
            ),
        )
        intro = plain_label(
            self.tr(
                "In a few steps this app will:\n"
                "• keep your plan key in the system keyring,\n"
                "• check that the plan can be reached,\n"
                "• set up your coding tools (Claude Code, Qwen Code, Cline, OpenCode and others), "
                "showing every change before it is made,\n"
                "• then show from the tray how many requests are left."
            )
        )
        notice_box = QGroupBox(self.tr("Before you start"))
        notice = plain_label(
            self.tr(
                "Coding Plan runs model inference globally: your inputs and outputs are "
                "transferred across borders. Make sure your use complies with the laws and "
                "regulations that apply to you."
            )
        )
        self.acknowledge = QCheckBox(self.tr("I have &read and understood this notice"))
        self.acknowledge.toggled.connect(self.completeChanged)
        box_layout = QVBoxLayout(notice_box)
        box_layout.addWidget(notice)
        box_layout.addWidget(self.acknowledge)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setSpacing(style.Spacing.L)
        layout.addWidget(self.mark)
        layout.addWidget(intro)
        layout.addWidget(notice_box)
        layout.addStretch(1)
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(scrolled(content))

    def isComplete(self) -> bool:
        return self.acknowledge.isChecked()

    def first_field(self) -> QWidget:
        return self.acknowledge
