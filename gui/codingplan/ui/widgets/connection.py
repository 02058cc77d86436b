"""The connection test: the free reachability check (run as soon as the widget is shown),
then, only on a click that says what it costs, one test request per protocol. Each outcome
comes in plain words with its fixes as buttons; the system's own words sit behind Details."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from codingplan import actions, probe
from codingplan.i18n import fill
from codingplan.outcomes import Category, Diagnosis, render
from codingplan.plan import Endpoints, Region, Window
from codingplan.ui import glance
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.texts import category_label, join_list, number
from codingplan.ui.translations import core
from codingplan.ui.widgets import links
from codingplan.ui.widgets.dialog import FittingDialog
from codingplan.ui.widgets.key_entry import KeyDialog
from codingplan.ui.widgets.result_view import plain_label
from codingplan.ui.widgets.status import Fix, StatusView, fixes_for, kind_of

# A quota answer's window, to say when it frees up again.
QUOTA_WINDOWS = {
    Category.QUOTA_5H: Window.FIVE_HOURS,
    Category.QUOTA_WEEK: Window.WEEK,
    Category.QUOTA_MONTH: Window.MONTH,
}
PROTOCOL_CHOICES: tuple[tuple[probe.Protocol, ...], ...] = (
    (probe.Protocol.OPENAI,),
    (probe.Protocol.ANTHROPIC,),
    (probe.Protocol.OPENAI, probe.Protocol.ANTHROPIC),
)


class ConnectionTestWidget(QWidget):
    checked = Signal(object)  # probe.Reachability
    tested = Signal(object)  # list[probe.ProbeResult]
    busy_changed = Signal(bool)

    def __init__(
        self, state: AppState, parent: QWidget | None = None, endpoints: Endpoints | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._endpoints = endpoints
        self._busy = False
        self._region: Region | None = None
        self._checked_origin: str | None = None
        self.reachability: probe.Reachability | None = None
        self.results: list[probe.ProbeResult] = []
        # What a fix button does here; the wizard adds its own (back to the key, the region).
        self.fixes: dict[Fix, Callable[[], object]] = {
            Fix.CHANGE_KEY: self.change_key,
            Fix.OPEN_CONSOLE: self.open_console,
            Fix.CHECK_AGAIN: self.check,
        }
        self.key_dialog: KeyDialog | None = None
        state.snapshot_changed.connect(self._snapshot_changed)

        self.intro = plain_label(
            self.tr(
                "First a free check that the plan's address can be reached: no request goes to "
                "the model and nothing counts against your quota."
            )
        )
        self.address = plain_label()
        self.steps = plain_label()
        self.reach_result = StatusView()
        self.check_button = QPushButton(self.tr("&Check again (free)"))
        self.check_button.clicked.connect(self.check)

        self.protocol = QComboBox()
        self.protocol.addItems(
            [
                self.tr("OpenAI-compatible address"),
                self.tr("Anthropic-compatible address"),
                self.tr("Both addresses"),
            ]
        )
        self.protocol.setCurrentIndex(len(PROTOCOL_CHOICES) - 1)
        self.protocol.currentIndexChanged.connect(self._update_send_label)
        protocol_label = QLabel(self.tr("&Test:"))
        protocol_label.setBuddy(self.protocol)
        self.send_button = QPushButton()
        self.send_button.clicked.connect(self.send_test)
        self.status = plain_label()
        self.request_results = QVBoxLayout()
        self.request_error = StatusView()
        # The cards of the last answers, by protocol (two protocols with the same answer share
        # one card); ``_cards`` are all the cards made, reused in order, the unused hidden.
        self.result_views: dict[str, StatusView] = {}
        self._cards: list[StatusView] = []

        request_box = QGroupBox(self.tr("Test request"))
        request_layout = QVBoxLayout(request_box)
        request_layout.addWidget(
            plain_label(
                self.tr(
                    "A test request asks the model for a one-word answer using the stored key. "
                    "Each request counts against your plan's quota, like any request from a tool."
                )
            )
        )
        row = QHBoxLayout()
        row.addWidget(protocol_label)
        row.addWidget(self.protocol, 1)
        request_layout.addLayout(row)
        request_layout.addWidget(self.send_button)
        request_layout.addWidget(self.request_error)
        request_layout.addLayout(self.request_results)

        layout = QVBoxLayout(self)
        for widget in (self.intro, self.address, self.steps, self.reach_result):
            layout.addWidget(widget)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(request_box)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._update_send_label()
        self._show_address()

    # --- what to test ------------------------------------------------------------------

    def endpoints(self) -> Endpoints:
        return self._endpoints or self.state.endpoints()

    def set_endpoints(self, endpoints: Endpoints | None, region: Region | None = None) -> None:
        """Test ``endpoints`` instead of the saved settings' (the wizard's region choice)."""
        if endpoints is not None and endpoints.origin != self.endpoints().origin:
            self.clear_results()  # they were the answers of another address
        self._endpoints = endpoints
        self._region = region
        self._show_address()
        if self.isVisible() and endpoints is not None and self._checked_origin != endpoints.origin:
            self.check()

    def region(self) -> Region:
        return self._region or self.state.settings.region

    @Slot()
    def clear_results(self) -> None:
        """Forget the test requests' answers (the key or the address changed since)."""
        self.results = []
        self.request_error.clear()
        for view in self._cards:
            view.clear()

    @Slot()
    def open_console(self) -> None:
        links.open_url(QUrl(self.region().info.console_url))

    @Slot()
    def change_key(self) -> None:
        first = self.key_dialog is None
        self.key_dialog = KeyDialog.open_for(self.state, self, self.key_dialog)
        if first:  # a new key makes the earlier answers stale
            self.key_dialog.entry.stored.connect(self.clear_results)

    def chosen_protocols(self) -> tuple[probe.Protocol, ...]:
        return PROTOCOL_CHOICES[self.protocol.currentIndex()]

    def requests_promised(self) -> int:
        """How many requests the send button says it will make (and will make)."""
        return len(self.chosen_protocols())

    def _show_address(self) -> None:
        self.address.setText(self.tr("Address: {origin}").format(origin=self.endpoints().origin))

    @Slot()
    def _update_send_label(self) -> None:
        if self.requests_promised() == 1:
            self.send_button.setText(self.tr("&Send test request (uses 1 request)"))
        else:
            self.send_button.setText(self.tr("&Send test requests (uses 2 requests)"))

    # --- running -----------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool, status: str = "") -> None:
        self._busy = busy
        # The protocol choice stays enabled: it may hold the keyboard focus, and a choice
        # changed mid-run only counts for the next one.
        self.check_button.setEnabled(not busy)
        self.send_button.setEnabled(not busy)
        self.status.setText(status)
        self.status.setVisible(bool(status))
        self.busy_changed.emit(busy)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The free check runs by itself the first time the widget is shown for an address.
        if not self._busy and self._checked_origin != self.endpoints().origin:
            self.check()

    @Slot()
    def check(self) -> None:
        """The free reachability check, in the background."""
        if self._busy:
            return
        endpoints = self.endpoints()
        self._checked_origin = endpoints.origin
        self.check_button.setHidden(False)
        self.steps.setText("")
        self.reach_result.clear()
        self._set_busy(True, self.tr("Checking {host}…").format(host=endpoints.host))
        run_action(
            self,
            self.state,
            actions.check_reachability,
            endpoints,
            on_done=self._checked,
            on_error=self._check_failed,
        )

    def _checked(self, reachability: probe.Reachability) -> None:
        self._set_busy(False)
        self.reachability = reachability
        self.steps.setText("\n".join(self._step_line(step) for step in reachability.steps))
        message, remedy, detail = self._texts(reachability.diagnosis)
        headline = (
            self.tr("Reachable") if reachability.ok else category_label(reachability.category)
        )
        fixes = fixes_for(reachability.category, self.fixes)
        self.reach_result.show_status(
            kind_of(reachability.category),
            headline,
            message,
            remedy,
            detail=detail,
            fixes=fixes,
        )
        # One "Check again": the card's, when it offers one, else the button below it.
        again = self.fixes.get(Fix.CHECK_AGAIN)
        self.check_button.setHidden(any(action == again for _label, action in fixes))
        self.checked.emit(reachability)

    def _texts(self, diagnosis: Diagnosis, excerpt: str = "") -> tuple[str, str, str]:
        """Message, remedy and the raw detail of a diagnosis: the system's own words (or the
        server's) go to Details, a plain sentence stays in front."""
        message, remedy = render(diagnosis, tr=core)
        plain = {
            Category.TLS: self.tr("The secure connection to {host} failed."),
            Category.PROXY: self.tr("The proxy {proxy} did not pass the request on."),
        }.get(diagnosis.category)
        if plain:
            message = fill(plain, diagnosis.params)
        return message, remedy, str(diagnosis.params.get("detail") or excerpt)

    def _step_line(self, step: probe.Step) -> str:
        names = {
            "dns": self.tr("Name lookup (DNS)"),
            "tcp": self.tr("Connection (TCP)"),
            "tls": self.tr("Secure connection (TLS)"),
            "proxy": self.tr("Through the proxy"),
        }
        # A failed step's detail is the system's error: it is under Details of the result.
        detail = step.detail if step.ok else ""
        return self.tr("{mark} {step}: {detail} ({ms} ms)").format(
            mark="✓" if step.ok else "✗",
            step=names.get(step.name, step.name),
            detail=detail or (self.tr("done") if step.ok else self.tr("failed")),
            ms=number(step.elapsed_ms),
        )

    @Slot()
    def send_test(self) -> None:
        """The paid test: as many requests as the button says, one per protocol."""
        if self._busy:
            return
        protocols = self.chosen_protocols()
        self.request_error.clear()
        self._set_busy(True, self.tr("Sending the test request…"))
        run_action(
            self,
            self.state,
            actions.send_test_requests,
            self.endpoints(),
            protocols,
            self.state.settings.model,
            on_done=self._tested,
            on_error=self._test_failed,
        )

    def _tested(self, sent: actions.SentRequests) -> None:
        self._set_busy(False)
        results = self.results = list(sent.results)
        self._show_results()  # a quota refusal: its time comes with the usage refreshed
        self.tested.emit(results)

    @Slot()
    def _show_results(self, *_args: object) -> None:
        """One card per different answer, replacing the cards of any earlier test: the same
        answer on both protocols (a refused key) is one card naming both, its remedy once."""
        groups: dict[tuple[str, str, str], list[probe.ProbeResult]] = {}
        texts: dict[tuple[str, str, str], list[str]] = {}
        for result in self.results:
            message, remedy, detail = self._texts(result.diagnosis, result.excerpt)
            key = (result.category.value, message, remedy)
            groups.setdefault(key, []).append(result)
            if not result.ok and detail:
                texts.setdefault(key, []).append(detail)
        self.result_views = {}
        for index, ((category, message, remedy), members) in enumerate(groups.items()):
            headline = self.tr("{protocol}: {category}").format(
                protocol=join_list([self._protocol_name(m.protocol) for m in members]),
                category=category_label(category),
            )
            lines = [message]
            lines += [
                self.tr("Sent as {tool}: the plan answers coding tools only.").format(
                    tool=m.identity
                )
                for m in members
                if m.identity
            ]
            when = self._quota_when(members[0])
            if when:
                lines.append(when)
            view = self._card(index)
            view.show_status(
                kind_of(category),
                headline,
                "\n".join(lines),
                remedy,
                detail="\n\n".join(dict.fromkeys(texts.get((category, message, remedy), []))),
                # "Check again" is the free check's own button, above: not one per card.
                fixes=fixes_for(category, self.fixes, without=(Fix.CHECK_AGAIN,)),
            )
            for member in members:
                self.result_views[member.protocol] = view
        for view in self._cards[len(groups) :]:
            view.clear()

    @Slot(object)
    def _snapshot_changed(self, _snapshot: object) -> None:
        if any(r.category in QUOTA_WINDOWS for r in self.results):
            self._show_results()

    def _quota_when(self, result: probe.ProbeResult) -> str:
        """For a quota answer, when requests come back, as the tracker knows it (the plan's
        own time when its answer gave one)."""
        window = QUOTA_WINDOWS.get(result.category)
        snapshot = self.state.snapshot
        if window is None or snapshot is None:
            return ""
        estimate = snapshot.windows[window]
        if not glance.used_up(estimate):  # the refusal is not counted yet: wait for it
            return ""
        return glance.used_up_line(estimate, snapshot.now_ms, snapshot.tz)

    def _protocol_name(self, protocol: str) -> str:
        if protocol == probe.Protocol.OPENAI:
            return self.tr("OpenAI-compatible")
        return self.tr("Anthropic-compatible")

    def _card(self, index: int) -> StatusView:
        while len(self._cards) <= index:
            view = StatusView()
            self._cards.append(view)
            self.request_results.addWidget(view)
        return self._cards[index]

    def _check_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.reach_result.show_error(error, self.tr("The check could not run"))

    def _test_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.clear_results()  # the earlier answers are not this attempt's
        self.request_error.show_error(error, self.tr("The test request was not sent"))


class ConnectionTestDialog(FittingDialog):
    """The test in its own window, for the tray and the dashboard; it does not block. It
    opens at a reading width with all its text shown, grows when a result comes in, and
    scrolls where the screen has no more room."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        self.widget = ConnectionTestWidget(state)
        super().__init__(self.widget, parent)
        self.setWindowTitle(self.tr("Test connection"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for signal in (self.widget.checked, self.widget.tested, self.widget.busy_changed):
            signal.connect(self.grow)
