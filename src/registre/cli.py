"""The `registre` command: one sub-command per job, each a door onto the same services."""

from __future__ import annotations

import sys

import typer

from registre import __version__
from registre.audit import cli as audit_cli
from registre.breaches import cli as breaches_cli
from registre.connectors import cli as connectors_cli
from registre.consent import cli as consent_cli
from registre.db import cli as db_cli
from registre.demo import demo
from registre.documents import cli as documents_cli
from registre.errors import RegistreError
from registre.jobs import cli as jobs_cli
from registre.kit.cli import report
from registre.lint import cli as lint_cli
from registre.marketing import cli as marketing_cli
from registre.retention import cli as retention_cli
from registre.rights import cli as rights_cli
from registre.staff import cli as staff_cli
from registre.subjects import cli as subjects_cli

app = typer.Typer(
    name="registre",
    help="registre makes an organisation's privacy policy true, and keeps the proof.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(lint_cli.check)
app.command()(lint_cli.rules)
app.command()(documents_cli.notice)
app.command()(documents_cli.register)
app.command()(demo)
app.command()(jobs_cli.worker)
app.add_typer(db_cli.app, name="db")
app.add_typer(audit_cli.app, name="audit")
app.add_typer(rights_cli.app, name="requests")
app.add_typer(subjects_cli.app, name="subjects")
app.add_typer(connectors_cli.app, name="datasets")
app.add_typer(retention_cli.app, name="retention")
app.add_typer(breaches_cli.app, name="breaches")
app.add_typer(consent_cli.app, name="consent")
app.add_typer(marketing_cli.app, name="marketing")
app.add_typer(staff_cli.app, name="staff")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1, help="Web processes (each a uvicorn worker); with more than "
                                "one, run the jobs with `registre worker`."),
    access_log: bool = typer.Option(False, "--access-log/--no-access-log",
                                    help="Log each request with the visitor's IP address (personal data: off by "
                                         "default)."),
    proxy_headers: bool = typer.Option(False, "--proxy-headers/--no-proxy-headers",
                                       help="Trust X-Forwarded-For and X-Forwarded-Proto from the addresses of "
                                            "--forwarded-allow-ips (a reverse proxy in front)."),
    forwarded_allow_ips: str = typer.Option("127.0.0.1", "--forwarded-allow-ips",
                                            help="The reverse proxies whose X-Forwarded-* headers are trusted."),
) -> None:
    """Serve the privacy center, the back office and the HTTP API (OpenAPI at /docs) on the store and declaration
    of the settings. The store must be at the newest schema (`registre db upgrade`)."""
    import os

    import uvicorn

    from registre.app import create_app
    from registre.config import get_settings
    from registre.kit.cli import plain_errors, store

    plain_errors(store)().dispose()  # checked (or, for a development store on SQLite, created) once, here
    options: dict[str, object] = {"host": host, "port": port, "access_log": access_log,
                                  "proxy_headers": proxy_headers, "forwarded_allow_ips": forwarded_allow_ips}
    if workers == 1:
        uvicorn.run(create_app(get_settings()), **options)  # type: ignore[arg-type]
        return
    if get_settings().jobs_in_process is None:
        os.environ["REGISTRE_JOBS_IN_PROCESS"] = "false"  # N web processes would each run the periodic jobs
    uvicorn.run("registre.app:app_from_env", factory=True, workers=workers, **options)  # type: ignore[arg-type]


@app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        typer.echo(__version__)
        raise typer.Exit()


def main() -> None:
    """Run the command line; an error a command did not report itself (bad settings read before it) is still a
    plain message."""
    try:
        app()
    except RegistreError as error:
        report(error, "--json" in sys.argv)
        sys.exit(1)
