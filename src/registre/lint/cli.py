"""`registre check` and `registre rules`: the lint at the command line."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from registre.i18n import Lang, Msg
from registre.kit.cli import JsonOption, out, parse_date, plain_errors, print_json, reader_lang
from registre.lint import service
from registre.lint.engine import Finding, Severity

SUMMARY = Msg(en="{file}: {errors} error(s), {warnings} warning(s), {waived} waived, read as the law stands on {on}.",
              fr="{file} : {errors} erreur(s), {warnings} avertissement(s), {waived} levée(s), au regard du droit en "
                 "vigueur le {on}.")
WAIVED = Msg(en="Waived by the DPO: {reason}", fr="Levée par le DPO : {reason}")
LAPSED = {
    "changed": Msg(en="The waiver of {code} on {field} has lapsed: what it points to has changed since; check the "
                      "finding again and renew the waiver with its new fingerprint if it still stands.",
                   fr="La levée de {code} sur {field} est caduque : ce qu'elle vise a changé depuis ; revoyez le "
                      "constat et renouvelez la levée avec sa nouvelle empreinte s'il y a lieu."),
    "gone": Msg(en="The waiver of {code} on {field} matches no finding any more: it can be removed.",
                fr="La levée de {code} sur {field} ne correspond plus à aucun constat : elle peut être retirée."),
}
PASSED = Msg(en="No error: the declaration can be published.", fr="Aucune erreur : la déclaration peut être publiée.")
FAILED = Msg(en="Errors to correct before publishing.", fr="Des erreurs sont à corriger avant publication.")
STYLE = {Severity.error: "bold red", Severity.warning: "yellow"}


@plain_errors
def check(
    path: Path = typer.Argument(..., help="A declaration: a YAML file or a folder of YAML files."),
    at: str | None = typer.Option(None, "--at", help="Read the law as it stands on this day (YYYY-MM-DD)."),
    as_json: bool = JsonOption,
) -> None:
    """Validate a declaration and report what it breaks in the GDPR and French law."""
    lang = reader_lang()
    report = service.check(path, parse_date(at))
    if as_json:
        print_json(report.as_dict(lang))
    else:
        for finding in report.findings:
            _print(finding, STYLE[finding.severity], finding.severity.value, lang)
        for item in report.waived:
            _print(item.finding, "dim", "waived", lang)
            out.print(f"         [dim]{WAIVED(lang, reason=item.waiver.reason(lang))}[/]", soft_wrap=True)
        for lapsed in report.lapsed:
            text = LAPSED[lapsed.why](lang, code=lapsed.waiver.code, field=lapsed.waiver.path)
            out.print(f"[yellow]{lapsed.place}[/] {text}", soft_wrap=True)
        out.print(SUMMARY(lang, file=path, errors=report.count(Severity.error),
                          warnings=report.count(Severity.warning), waived=len(report.waived),
                          on=report.on.isoformat()))
        out.print(f"[green]{PASSED(lang)}[/]" if report.passed else f"[red]{FAILED(lang)}[/]")
    if not report.passed:
        raise typer.Exit(1)


def _print(finding: Finding, style: str, label: str, lang: Lang) -> None:
    out.print(f"[{style}]{label:<7}[/] [bold]{finding.code}[/]  {finding.place}  [cyan]{finding.place.field}[/]"
              f"  [dim]{finding.fingerprint}[/]", soft_wrap=True)
    out.print(f"         {finding.text(lang)} [dim]({finding.rule.basis})[/]", soft_wrap=True)


def rules(as_json: bool = JsonOption) -> None:
    """List the lint rules: code, severity, the law they rest on."""
    lang = reader_lang()
    items = service.rules()
    if as_json:
        print_json([{"code": r.code, "severity": r.severity.value, "basis": r.basis, "title": r.title(lang)}
                    for r in items])
        return
    table = Table("code", "severity", "title", "basis")
    for r in items:
        table.add_row(r.code, r.severity.value, r.title(lang), r.basis)
    out.print(table)
