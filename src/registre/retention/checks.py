"""What retention says of a dataset's annotation in `registre datasets check`: the rules it would skip there."""

from __future__ import annotations

import datetime as dt

from registre.connectors.checking import Finding
from registre.connectors.mapping import Annotation, Connected
from registre.declarations.declared import Declared
from registre.i18n import Msg
from registre.lint.engine import Severity
from registre.retention.sweep import NO_ARCHIVE, prepare

RULE_SKIPPED = Msg(en="Retention rule '{rule}' cannot be applied here: {reason}.",
                   fr="La règle de conservation « {rule} » ne peut s'appliquer ici : {reason}.")


def skipped_rules(annotation: Annotation, connected: Connected, declared: Declared, today: dt.date) -> list[Finding]:
    """A warning for each retention rule a run on `today` would skip in this dataset, and why."""
    sweep = prepare(connected, declared, today, held={}, pseudonym_key="")
    archived = annotation.dataset.archive is not None
    return [Finding(Severity.warning, annotation.sources.place(("tables", skipped.table)), RULE_SKIPPED,
                    {"rule": skipped.rule, "reason": skipped.reason})
            for skipped in sweep.skipped
            if not (archived and skipped.reason == NO_ARCHIVE)]  # checked without connecting to the archive
