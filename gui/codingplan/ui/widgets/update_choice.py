"""The choice of the update check, the same in the first-run wizard and in Settings: off
until ticked, and not there at all in a build a package manager delivers (it updates it)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget


class UpdateChoice(QCheckBox):
    """Unticked unless the person turned the check on; hidden where it is not offered."""

    def __init__(self, on: bool, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr(
                "&Tell me when a new version is out (asks GitHub once a day; sends nothing "
                "about you)"
            ),
            parent,
        )
        from codingplan import actions

        self.offered = actions.update_check_offered()
        self.setToolTip(
            self.tr(
                "The app asks GitHub for its newest release: the request names the app and "
                "its version, nothing else. It never downloads or installs anything."
            )
        )
        self.setChecked(on and self.offered)
        self.setVisible(self.offered)

    def chosen(self) -> bool:
        """Whether the check is to be on (never where it is not offered)."""
        return self.offered and self.isChecked()
