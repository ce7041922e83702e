"""The `registre` command: one sub-command per job, each a door onto the same services."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer
from typer import _click as click  # Typer's own click, which its groups and commands are typed with
from typer.core import TyperGroup

from registre import __version__

# Sub-commands are imported when used, so that `registre --version` or `registre requests show REF` does not import
# every domain first: name -> (module, attribute, kind) where kind is "app" (a Typer sub-app) or "command".
LAZY: dict[str, tuple[str, str, str]] = {
    "check": ("registre.lint.cli", "check", "command"),
    "rules": ("registre.lint.cli", "rules", "command"),
    "declaration": ("registre.declarations.cli", "app", "app"),
    "notice": ("registre.documents.cli", "notice", "command"),
    "register": ("registre.documents.cli", "register", "command"),
    "demo": ("registre.demo", "demo", "command"),
    "db": ("registre.db.cli", "app", "app"),
    "audit": ("registre.audit.cli", "app", "app"),
    "requests": ("registre.rights.cli", "app", "app"),
    "subjects": ("registre.subjects.cli", "app", "app"),
    "datasets": ("registre.connectors.cli", "app", "app"),
    "retention": ("registre.retention.cli", "app", "app"),
    "breaches": ("registre.breaches.cli", "app", "app"),
    "consent": ("registre.consent.cli", "app", "app"),
    "history": ("registre.history.cli", "app", "app"),
    "marketing": ("registre.marketing.cli", "app", "app"),
    "staff": ("registre.staff.cli", "app", "app"),
    "worker": ("registre.jobs.cli", "worker", "command"),
}


def load_command(name: str) -> click.Command:
    """The click command of a sub-command, its module imported now."""
    module, attribute, kind = LAZY[name]
    found: Any = getattr(importlib.import_module(module), attribute)
    if kind == "app":  # a group even when it has one command (`db upgrade`), as `add_typer` made it
        command: click.Command = typer.main.get_group(found)
    else:
        single = typer.Typer()
        single.command(name=name)(found)
        command = typer.main.get_command(single)
    command.name = name
    return command


class LazyGroup(TyperGroup):
    """The root group: its own commands, and the sub-commands of LAZY imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, in the order they were declared."""
        return [*LAZY, *(name for name in super().list_commands(ctx) if name not in LAZY)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command of that name, its module imported if it is a lazy one."""
        if cmd_name in LAZY:
            return load_command(cmd_name)
        return super().get_command(ctx, cmd_name)


app = typer.Typer(
    name="registre",
    help="registre makes an organisation's privacy policy true, and keeps the proof.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
)


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
    from registre.kit.cli import out, plain_errors, reader_lang, serving, store

    plain_errors(store)(create=True).dispose()  # checked (or, for a development store on SQLite, created) once
    settings = get_settings()
    out.print(serving(settings, f"http://{host if ':' not in host else f'[{host}]'}:{port}", reader_lang()),
              markup=False, soft_wrap=True)
    options: dict[str, object] = {"host": host, "port": port, "access_log": access_log,
                                  "proxy_headers": proxy_headers, "forwarded_allow_ips": forwarded_allow_ips}
    if workers == 1:
        uvicorn.run(create_app(settings), **options)  # type: ignore[arg-type]
        return
    if settings.jobs_in_process is None:
        os.environ["REGISTRE_JOBS_IN_PROCESS"] = "false"  # N web processes would each run the periodic jobs
    uvicorn.run("registre.app:app_from_env", factory=True, workers=workers, **options)  # type: ignore[arg-type]


@app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Name the store and the declaration a command uses "
                                                                "(on standard error)."),
) -> None:
    if verbose:
        from registre.kit.cli import be_verbose

        be_verbose()
    elif "registre.kit.cli" in sys.modules:  # a process that ran a verbose command before (tests) is quiet again
        sys.modules["registre.kit.cli"].be_verbose(False)
    if version:
        typer.echo(__version__)
        raise typer.Exit()


def main() -> None:
    """Run the command line; an error a command did not report itself (bad settings read before it) is still a
    plain message."""
    from registre.errors import RegistreError

    try:
        app()
    except RegistreError as error:
        from registre.kit.cli import report

        report(error, "--json" in sys.argv)
        sys.exit(1)
