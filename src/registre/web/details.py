"""What a rights request asks, by kind, read from a posted form: the privacy center's form of one right and the
back office's filing form (a request received by post or telephone) both give `RequestDetails` as the API takes
them, so that a request reads the same whatever door it came through.

The form's fields: `note`; rectification: `field`, `value` and `change_activity`, repeated for several changes;
restriction: `ground`; objection: `objection` (`direct_marketing`, `profiling`, `processing`); restriction, objection
and consent withdrawal: `activities` (repeated; none: all of them); directives after death: `directives`,
`directive_action`, `executor`.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import zip_longest
from typing import Any

from starlette.datastructures import FormData

from registre.rights.schemas import RequestDetails, RequestKind

FIELD_LIMIT = 2000  # characters of one answer (the note's limit is the door's)
_ANSWERS = frozenset({"field", "value", "change_activity", "ground", "objection", "activities", "directives",
                      "directive_action", "executor"})
MAX_CHANGES = 20  # rectifications in one request


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def request_details(kind: RequestKind, form: FormData, known: Collection[str]) -> RequestDetails:
    """What the form asks for that right; activities outside `known` are left out, an answer too long refused
    (ValueError naming the field)."""
    for key, posted in form.multi_items():
        if key in _ANSWERS and isinstance(posted, str) and len(posted) > FIELD_LIMIT:
            raise ValueError(f"{key}: > {FIELD_LIMIT}")
    values: dict[str, Any] = {"note": _text(form.get("note"))}
    activities = [a for a in map(_text, form.getlist("activities")) if a is not None and a in known]
    if kind is RequestKind.rectification:
        changes = []
        for field, value, where in zip_longest(*(map(_text, form.getlist(key))
                                                 for key in ("field", "value", "change_activity"))):
            if field and value:
                changes.append({"field": field, "value": value,
                                "activity": where if where is not None and where in known else None})
        values["changes"] = changes[:MAX_CHANGES]
    elif kind is RequestKind.restriction:
        values.update(ground=_text(form.get("ground")), activities=activities)
    elif kind is RequestKind.objection:
        values.update(objection=_text(form.get("objection")) or "direct_marketing", activities=activities)
    elif kind is RequestKind.consent_withdrawal:
        values["activities"] = activities
    elif kind is RequestKind.post_mortem:
        values.update(directives=_text(form.get("directives")), directive_action=_text(form.get("directive_action")),
                      executor=_text(form.get("executor")))
    return RequestDetails.model_validate({k: v for k, v in values.items() if v is not None})
