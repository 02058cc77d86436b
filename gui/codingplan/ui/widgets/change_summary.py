"""What Apply will do to a tool, in plain words, above the diff: the address and model the
tool gets, where its key comes from, and the files that change."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QFrame, QWidget

from codingplan.plan import find_model
from codingplan.tools.types import ChangeSet, FileChange, KeyMode
from codingplan.ui.texts import join_list, tool_name
from codingplan.ui.widgets.result_view import plain_label


class ChangeSummary(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.address = plain_label()
        self.model = plain_label()
        self.key = plain_label()
        self.files = plain_label()
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Address:"), self.address)
        form.addRow(self.tr("Model:"), self.model)
        form.addRow(self.tr("Key:"), self.key)
        form.addRow(self.tr("Files:"), self.files)

    def show_change_set(self, change_set: ChangeSet, address: str) -> None:
        """``address``: the base URL the tool is given (the adapter knows which one)."""
        tool = tool_name(change_set.tool_id)
        self.address.setText(address)
        model_id = change_set.options.model if change_set.options else ""
        model = find_model(model_id)
        self.model.setText(f"{model.name} ({model_id})" if model else model_id)
        self.key.setText(self._key_text(change_set, tool))
        lines = [self._file_line(f) for f in change_set.files if f.changed]
        lines.append(
            self.tr("Revert puts them back as they were (a file that exists is backed up first).")
        )
        self.files.setText("\n".join(lines))

    def _key_text(self, change_set: ChangeSet, tool: str) -> str:
        mode = change_set.options.key_mode if change_set.options else None
        if mode is KeyMode.KEYRING:
            return self.tr(
                "From the system keyring: {tool} asks this app for it each time it starts. No "
                "copy is kept in any file."
            ).format(tool=tool)
        if change_set.key_files:
            return self.tr(
                "A copy is written into {files}, which only you can read (mode 0600)."
            ).format(files=join_list([str(p) for p in change_set.key_files]))
        return self.tr("Kept in {tool}'s settings file, as it is now.").format(tool=tool)

    def _file_line(self, change: FileChange) -> str:
        if change.before is None:
            return self.tr("{file} (created)").format(file=change.path)
        if change.after is None:
            return self.tr("{file} (removed)").format(file=change.path)
        return self.tr("{file} (changed)").format(file=change.path)

    def text(self) -> str:
        """Everything shown, as one string (for tests)."""
        return "\n".join(w.text() for w in (self.address, self.model, self.key, self.files))
