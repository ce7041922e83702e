"""The jobs of registre, registered on a Procrastinate app with the schedules of the settings; each calls a flow."""

from __future__ import annotations

from collections.abc import Callable

from procrastinate import App, RetryStrategy

from registre.breaches import flows as breaches
from registre.config import Settings
from registre.consent import flows as consent
from registre.errors import RegistreError
from registre.jobs.queue import DRAIN, WORKER, acting, context, log, today
from registre.mail import outbox
from registre.retention import flows as retention
from registre.rights import flows as rights
from registre.rights import vault

# A job that failed for a passing reason (a database restarting) is tried again, a few times, waiting longer.
RETRY = RetryStrategy(max_attempts=5, exponential_wait=5)


def register(app: App, settings: Settings) -> None:
    """Register every job on `app`, the periodic ones with the schedules of `settings` (an empty one: off)."""

    @app.task(name="registre.outbox.deliver", queue="mail")
    def deliver(ids: list[int]) -> int:
        """Send the letters the outbox holds under these ids (those another worker has not taken)."""
        ctx = context(app)
        return sum(1 for d in outbox.deliver(ctx.engine, ctx.settings, ids, limit=len(ids)) if d.where)

    @app.task(name=DRAIN, queue="mail")
    def drain() -> int:
        """Send every letter that is due, batch after batch, beside the other workers doing the same."""
        ctx = context(app)
        return outbox.deliver_all(ctx.engine, ctx.settings)

    @app.task(name="registre.requests.complete", queue="rights", retry=RETRY)
    def complete(ref: str, actor: str) -> str:
        """Do a request in every connected database and answer it (audited as when done inline)."""
        ctx = acting(app, actor)
        if ctx.declared is None:
            raise RuntimeError("a request is completed against a declaration: set REGISTRE_DECLARATION")
        result = rights.complete(ctx, ref)
        return result.request.status.value

    @app.task(name="registre.retention.run", queue="retention")
    def retention_run(actor: str = WORKER) -> int:
        """Delete, anonymise or archive what is due today."""
        ctx = acting(app, actor)
        if ctx.declared is None:
            return 0
        return len(retention.run(ctx, today()))

    def sweep(timestamp: int) -> int:
        ctx = context(app)
        return outbox.deliver_all(ctx.engine, ctx.settings)

    def purge_packages(timestamp: int) -> int:
        return vault.purge(context(app).settings)

    def purge_consent(timestamp: int) -> int:
        return sum(consent.purge(acting(app)).values())

    def alert(timestamp: int) -> int:
        ctx = acting(app)
        if ctx.declared is None:
            return 0
        try:
            alerts = breaches.alert(ctx, lang=ctx.settings.lang)
        except RegistreError as error:  # no DPO address: say so in the worker's log, every time
            log.warning("breach alerts: %s", error.text("en"))
            return 0
        return sum(1 for a in alerts if a.sent)

    def retention_periodic(timestamp: int) -> int:
        return int(retention_run(actor=WORKER))

    schedules: list[tuple[str, str, str, Callable[[int], int]]] = [
        ("registre.outbox.sweep", settings.schedule_outbox, "mail", sweep),
        ("registre.packages.purge", settings.schedule_purges, "periodic", purge_packages),
        ("registre.consent.purge", settings.schedule_purges, "periodic", purge_consent),
        ("registre.breaches.alert", settings.schedule_breach_alerts, "periodic", alert),
        ("registre.retention.periodic", settings.schedule_retention, "retention", retention_periodic),
    ]
    for name, cron, queue, job in schedules:
        if cron:
            app.periodic(cron=cron, periodic_id=name)(app.task(name=name, queue=queue)(job))
