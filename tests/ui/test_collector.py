"""The cyclic collector runs on the interface thread only: a worker thread never frees Qt
objects (a crash seen when a background job's allocation triggered a collection)."""

from __future__ import annotations

import gc
import threading

from ui.collector import InterfaceThreadCollector, collect_on_interface_thread


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_automatic_collection_is_off_and_the_timer_collects(configured_app, qtbot):
    assert not gc.isenabled()
    collector = collect_on_interface_thread(configured_app)
    assert collector is collect_on_interface_thread(configured_app)  # once per application
    assert len(configured_app.findChildren(InterfaceThreadCollector)) == 1
    assert collector.timer.isActive()

    freed_on: list[str] = []

    class Watched:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    def make_garbage_on_a_worker() -> None:
        Watched()
        for _ in range(gc.get_threshold()[0] * 3):
            Cycle()  # garbage past the threshold: the collector would run here

    worker = threading.Thread(target=make_garbage_on_a_worker, name="worker")
    worker.start()
    worker.join()
    assert freed_on == []  # nothing collected on the worker
    qtbot.waitUntil(lambda: freed_on == [threading.main_thread().name], timeout=5000)
