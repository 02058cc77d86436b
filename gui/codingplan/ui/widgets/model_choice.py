"""Choosing one of the plan's models, with the Pro-only ones marked."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from codingplan.plan import CATALOG, DEFAULT_MODEL, Tier, find_model
from codingplan.ui.widgets.result_view import plain_label


class ModelChoice(QWidget):
    """A combo box of the catalog and a warning when a Pro-only model meets a Lite plan."""

    changed = Signal(str)  # the model id

    def __init__(
        self,
        model_id: str = DEFAULT_MODEL,
        tier: Tier | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tier = tier
        self.combo = QComboBox()
        for entry in CATALOG:
            text = f"{entry.name} ({entry.id})"
            if entry.pro_only:
                text = self.tr("{model} — Pro only").format(model=text)
            self.combo.addItem(text, entry.id)
        self.warning = plain_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.warning)
        self.set_model(model_id)
        self.combo.currentIndexChanged.connect(self._changed)
        self._show_warning()

    def model_id(self) -> str:
        model_id: str = self.combo.currentData()  # every item's data is a model id
        return model_id

    def set_model(self, model_id: str) -> None:
        index = self.combo.findData(model_id if find_model(model_id) else DEFAULT_MODEL)
        self.combo.setCurrentIndex(max(0, index))

    def set_tier(self, tier: Tier | None) -> None:
        self._tier = tier
        self._show_warning()

    @Slot(int)
    def _changed(self, _index: int) -> None:
        self._show_warning()
        self.changed.emit(self.model_id())

    def _show_warning(self) -> None:
        chosen = find_model(self.model_id())
        lite_and_pro_only = bool(chosen and chosen.pro_only and self._tier is Tier.LITE)
        self.warning.setText(
            self.tr("This model is for Pro subscribers; on Lite the plan refuses it.")
            if lite_and_pro_only
            else ""
        )
        self.warning.setVisible(lite_and_pro_only)
