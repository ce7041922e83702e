"""A consent event's digest is the SHA-256 of the canonical JSON it has always been (json.dumps, keys sorted, no
spaces, UTF-8, times in UTC, anything else through `str`), whichever encoder writes it: events written before stay
`intact`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from registre.consent.service import DIGESTED, digest, plain_digest


def reference(values: dict[str, Any]) -> str:
    """The digest as json.dumps alone wrote it."""
    content = {}
    for key in DIGESTED:
        value = values.get(key)
        if isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC).isoformat()
        content[key] = value
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def outcome(compute: Any, values: dict[str, Any]) -> str:
    """The digest, or the kind of error it raised."""
    try:
        return str(compute(values))
    except (TypeError, ValueError) as error:
        return type(error).__name__


TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=()), max_size=30)  # controls, U+2028, astral…
LONE = st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=2)
INTS = st.one_of(st.integers(), st.integers(-2**63, 2**64 - 1), st.sampled_from([2**63 - 1, -2**63, 2**64 - 1]))
HUGE = st.one_of(st.integers(2**64, 2**80), st.integers(-2**80, -2**63 - 1), st.sampled_from([2**64, -2**63 - 1]))
FLOATS = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                   st.sampled_from([1e16, 1e-7, -0.0, 1e22, 123456789012345680.0, float("nan"), float("inf")]))
MOMENTS = st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=2))]))
OTHERS = st.one_of(st.dates(), st.datetimes(), MOMENTS, st.times(), st.uuids(), st.decimals(allow_nan=False),
                   st.sampled_from([uuid.UUID(int=0), dt.timedelta(seconds=90)]))
PLAIN = st.one_of(st.none(), st.booleans(), TEXTS, INTS)
ODD = st.one_of(FLOATS, OTHERS, LONE, HUGE)  # what json.dumps writes otherwise than orjson, or refuses
KEYS = st.one_of(TEXTS, TEXTS, TEXTS, st.integers(-5, 5), st.booleans(), st.none(), FLOATS)


def evidence(scalars: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Nested lists and dicts of `scalars`, their keys now and then not texts."""
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(KEYS, inner, max_size=4)), max_leaves=12)


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    """An event of plain values (times among them, as stored), now and then one odd value, top level or nested."""
    values = {key: draw(st.one_of(PLAIN, MOMENTS)) for key in DIGESTED if key != "evidence"}
    values["evidence"] = draw(evidence(st.one_of(PLAIN, PLAIN, PLAIN, ODD) if draw(st.booleans()) else PLAIN))
    if draw(st.integers(0, 3)) == 0:
        values[draw(st.sampled_from(DIGESTED))] = draw(ODD)
    return values


@settings(max_examples=1500, deadline=None)
@given(events())
def test_the_digest_is_the_json_dumps_one_for_any_event(values: dict[str, Any]) -> None:
    assert outcome(digest, values) == outcome(reference, values)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(TEXTS, st.recursive(st.one_of(st.none(), st.booleans(), TEXTS, INTS), lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(TEXTS, inner, max_size=4)), max_leaves=12), max_size=6))
def test_plain_evidence_of_any_text_and_integer_digests_alike(evidence: dict[str, Any]) -> None:
    values = {"ref": "a" * 32, "subject_id": 7, "at": dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC),
              "location": "Paris\u2028\x00\x1f\x7f\"\\", "evidence": evidence}
    assert outcome(digest, values) == outcome(reference, values)
    prepared = {key: values.get(key) for key in DIGESTED} | {"at": values["at"].astimezone(dt.UTC).isoformat()}
    assert outcome(plain_digest, prepared) == outcome(reference, values)  # as an import computes it


def test_an_event_of_the_ledger_keeps_the_digest_it_was_written_with() -> None:
    values = {"ref": "0" * 32, "receipt_ref": "1" * 32, "subject_id": 3, "purpose": "newsletter", "channel": "email",
              "state": "given", "at": dt.datetime(2024, 5, 2, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),
              "method": "web_form", "lang": "fr", "given_by": "subject", "location": "Lyon — « ici »",
              "evidence": {"imported": "f" * 64, "line": 12, "parent": {"name": "Zoé", "age": 41, "ok": True}}}
    # as json.dumps wrote it before orjson did
    assert digest(values) == "e464d92e60cbf83450b923a52ff9fef8f76145d56f7c1652d6f1a88352993a16"
