"""`registre worker`: run the jobs (the outbox, long rights, retention, periodic jobs) until stopped."""

from __future__ import annotations

import typer

from registre.config import get_settings
from registre.i18n import Msg
from registre.jobs import queue
from registre.kit.cli import err, plain_errors, reader_lang, store
from registre.mail import outbox

STARTED = Msg(en="Worker on {url}: queues {queues}, {concurrency} at a time{where}. Ctrl-C stops it.",
              fr="Worker sur {url} : files {queues}, {concurrency} à la fois{where}. Ctrl-C l'arrête.")
IN_MEMORY = Msg(en=" (SQLite: jobs of this process only, no shared queue)",
                fr=" (SQLite : les tâches de ce processus seulement, pas de file partagée)")
DRAINED = Msg(en="{count} letter(s) sent; queued jobs done.",
              fr="{count} lettre(s) envoyée(s) ; tâches en file faites.")


@plain_errors
def worker(
    once: bool = typer.Option(False, "--once", help="Send the letters due and run the jobs queued, then stop "
                              "(for cron, or a test)."),
    concurrency: int | None = typer.Option(None, "--concurrency", min=1, help="Jobs run at once (default: "
                                           "REGISTRE_WORKER_CONCURRENCY)."),
) -> None:
    """Run the jobs: the outbox, long rights across connected databases, retention runs, and the periodic jobs on
    the schedules of the settings. Run one or more on PostgreSQL; on SQLite `registre serve` runs them itself."""
    settings = get_settings()
    engine = store()
    app = queue.build(settings, engine)
    lang = reader_lang()
    count = concurrency or settings.worker_concurrency
    if once:
        sent = outbox.deliver_all(engine, settings)
        with app.open():
            app.run_worker(queues=list(queue.QUEUES), concurrency=count, wait=False, install_signal_handlers=False)
        err.print(DRAINED(lang, count=sent))
        return
    err.print(STARTED(lang, url=engine.url.render_as_string(hide_password=True), queues=", ".join(queue.QUEUES),
                      concurrency=count, where="" if queue.shared(settings.store_url) else IN_MEMORY(lang)))
    with app.open():
        app.run_worker(queues=list(queue.QUEUES), concurrency=count)
