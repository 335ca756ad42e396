import logging
import signal
import threading
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from palermo.audit.reads import fold_pending_reads
from palermo.outage import HEARTBEAT_SECONDS, UNREACHABLE, beat

logger = logging.getLogger(__name__)

# Waiting for the database: 1, 2, 4 … seconds between attempts, never more than this.
LONGEST_WAIT_SECONDS = 30


class Command(BaseCommand):
    help = "Run the background worker that executes long jobs (imports, linkage, reports)."

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the database worker; when the database goes away, wait and start it again.

        A task that was running when the connection broke is left to the task backend (its
        transaction is rolled back by the database); nothing here retries a task itself."""
        stop = threading.Event()
        threading.Thread(target=_keep_beating, args=(stop,), daemon=True).start()
        wait = 1
        try:
            while True:
                try:
                    call_command("db_worker", "--queue-name", "default", "--no-reload")
                    return  # stopped on purpose (a signal)
                except UNREACHABLE as error:
                    reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
                    self.stderr.write(
                        f"worker: the database is unreachable ({reason}); trying again in {wait} s"
                    )
                    connections.close_all()
                    # db_worker left its own stop handlers installed: while waiting, a stop
                    # signal must end the process, as it would outside this loop.
                    signal.signal(signal.SIGTERM, signal.SIG_DFL)
                    signal.signal(signal.SIGINT, signal.default_int_handler)
                    time.sleep(wait)
                    wait = min(wait * 2, LONGEST_WAIT_SECONDS)
        finally:
            stop.set()


def _keep_beating(stop: threading.Event) -> None:
    """The heartbeat, and folding the reads recorded since into the audit chain (readers do
    not take the chain's lock; see palermo.audit.reads)."""
    while not stop.is_set():
        beat()
        _fold_reads()
        stop.wait(HEARTBEAT_SECONDS)


def _fold_reads() -> None:
    try:
        fold_pending_reads()
    except Exception:  # the heartbeat must go on; an outage is reported by the main loop
        logger.exception("worker: folding pending audit reads failed; trying again next beat")
    finally:
        connections.close_all()  # this thread's own connection, not kept between beats
