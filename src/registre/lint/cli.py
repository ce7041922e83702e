"""`registre check` and `registre rules`: the lint at the command line."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from registre.i18n import Lang, Msg
from registre.kit.cli import JsonOption, out, parse_date, plain_errors, print_json, reader_lang
from registre.lint import service
from registre.lint.engine import Finding, Severity
from registre.lint.sarif import sarif

SUMMARY = Msg(en="{file}: {errors} error(s), {warnings} warning(s), {waived} waived, read as the law stands on {on}.",
              fr="{file} : {errors} erreur(s), {warnings} avertissement(s), {waived} levée(s), au regard du droit en "
                 "vigueur le {on}.")
WAIVED = Msg(en="Waived by the DPO: {reason}", fr="Levée par le DPO : {reason}")
WAIVED_LABEL = Msg(en="waived", fr="levé")
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
SEVERITY = {Severity.error: Msg(en="error", fr="erreur"), Severity.warning: Msg(en="warning", fr="avertissement")}
BY_CODE = Msg(en="By rule", fr="Par règle")
COLUMNS = (Msg(en="code", fr="code"), Msg(en="severity", fr="gravité"), Msg(en="title", fr="intitulé"),
           Msg(en="findings", fr="constats"), Msg(en="waived", fr="levés"))
HIDDEN = Msg(en="{count} warning(s) not shown (--severity error).",
             fr="{count} avertissement(s) non affiché(s) (--severity error).")
WROTE_SARIF = Msg(en="SARIF report written to {path}.", fr="Rapport SARIF écrit dans {path}.")


class Format(StrEnum):
    """How `check` prints its report."""

    text = "text"
    json = "json"
    sarif = "sarif"


@plain_errors
def check(
    path: Path = typer.Argument(..., help="A declaration: a YAML file or a folder of YAML files."),
    at: str | None = typer.Option(None, "--at", help="Read the law as it stands on this day (YYYY-MM-DD)."),
    severity: Severity = typer.Option(Severity.warning, "--severity",
                                      help="Report only findings of this severity or graver (errors always fail)."),
    output_format: Format = typer.Option(Format.text, "--format", help="text, json, or sarif (for code scanning)."),
    sarif_file: Path | None = typer.Option(None, "--sarif", help="Also write the report as SARIF to this file."),
    as_json: bool = JsonOption,
) -> None:
    """Validate a declaration and report what it breaks in the GDPR and French law."""
    lang = reader_lang()
    full = service.check(path, parse_date(at))
    report = full.at_least(severity)
    if sarif_file is not None:
        sarif_file.write_text(json.dumps(sarif(report, service.rules(), lang), ensure_ascii=False, indent=2) + "\n",
                              encoding="utf-8")
    if as_json or output_format is Format.json:
        print_json(report.as_dict(lang))
    elif output_format is Format.sarif:
        print_json(sarif(report, service.rules(), lang))
    else:
        _print_report(path, report, lang, hidden=full.count(Severity.warning) - report.count(Severity.warning))
        if sarif_file is not None:
            out.print(WROTE_SARIF(lang, path=sarif_file), soft_wrap=True)
    if not report.passed:
        raise typer.Exit(1)


def _print_report(path: Path, report: service.Report, lang: Lang, hidden: int) -> None:
    """The findings, the waived ones with their reasons, the lapsed waivers, the count per code and the verdict."""
    for finding in report.findings:
        _print(finding, STYLE[finding.severity], SEVERITY[finding.severity](lang), lang)
    for item in report.waived:
        _print(item.finding, "dim", WAIVED_LABEL(lang), lang)
        out.print(f"{'':<{_width(lang) + 2}}[dim]{WAIVED(lang, reason=item.waiver.reason(lang))}[/]", soft_wrap=True)
    for lapsed in report.lapsed:
        text = LAPSED[lapsed.why](lang, code=lapsed.waiver.code, field=lapsed.waiver.path)
        out.print(f"[yellow]{lapsed.place}[/] {text}", soft_wrap=True)
    if counts := report.by_code():
        table = Table(title=BY_CODE(lang), title_justify="left")
        for index, column in enumerate(COLUMNS):
            table.add_column(column(lang), no_wrap=index != 2, justify="right" if index > 2 else "left")
        for count in counts:
            table.add_row(count.rule.code, SEVERITY[count.rule.severity](lang), count.rule.title(lang),
                          str(count.count), str(count.waived))
        out.print(table)
    out.print(SUMMARY(lang, file=path, errors=report.count(Severity.error), warnings=report.count(Severity.warning),
                      waived=len(report.waived), on=report.on.isoformat()))
    if hidden:
        out.print(f"[dim]{HIDDEN(lang, count=hidden)}[/]")
    out.print(f"[green]{PASSED(lang)}[/]" if report.passed else f"[red]{FAILED(lang)}[/]")


def _width(lang: Lang) -> int:
    """The width of the severity column: the longest label in the reader's language."""
    return max(len(m(lang)) for m in (*SEVERITY.values(), WAIVED_LABEL))


def _print(finding: Finding, style: str, label: str, lang: Lang) -> None:
    width = _width(lang)
    out.print(f"[{style}]{label:<{width}}[/] [bold]{finding.code}[/]  {finding.place}  [cyan]{finding.place.field}[/]"
              f"  [dim]{finding.fingerprint}[/]", soft_wrap=True)
    out.print(f"{'':<{width + 2}}{finding.text(lang)} [dim]({finding.rule.basis})[/]", soft_wrap=True)


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
