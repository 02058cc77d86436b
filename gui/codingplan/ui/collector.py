"""Python's cycle collector, run on the GUI thread only.

Left to itself, the collector runs in whichever thread happens to allocate when a threshold
is crossed. A scan on a worker allocates a lot, so that is often a worker; and when the
garbage holds a Qt object (a closed window's wrapper caught in a cycle, say), the object is
destroyed there while the GUI thread may be deleting widgets. Qt and the binding then each
wait for a lock the other holds (the app hangs) or one touches what the other freed (it
crashes). So while the app runs the automatic collector is off, and a timer on the GUI
thread does its work, generation by generation, at the thresholds Python would use.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, Qt, QTimer, Slot

INTERVAL_MS = 1_000


class GuiThreadCollector(QObject):
    """Between ``start()`` and ``stop()``, cyclic garbage is collected on this thread only."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)  # no exact wake-ups for this
        self._timer.timeout.connect(self.collect)

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Collect everything left (here, on this thread), then give the collector back."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    @Slot()
    def collect(self) -> None:
        # The oldest generation whose count passed its threshold, as Python itself picks.
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return
