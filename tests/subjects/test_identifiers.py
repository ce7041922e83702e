"""The fast path for plain emails gives what email_validator gives, and refuses what it refuses, in the same words."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from registre.errors import InvalidInput
from registre.subjects.schemas import MAX_IDENTIFIER, PLAIN_EMAIL, normalise_identifier


def reference(value: str) -> str:
    """What `normalise_identifier("email", value)` gave with email_validator alone: the email or the error's text."""
    value = value.strip()
    try:
        normal = validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return f"'{value}' is not a valid email address."
    return normal if len(normal) <= MAX_IDENTIFIER else f"The identifier is longer than {MAX_IDENTIFIER} characters."


def outcome(value: str) -> str:
    """The email as normalised, or the error's text."""
    try:
        return normalise_identifier("email", value)
    except InvalidInput as error:
        return error.text("en")


EDGES = [
    "Jean.Dupont@Exemple.FR", "a..b@x.fr", ".a@x.fr", "a.@x.fr", "a@x..fr", "a@-x.fr", "a@x-.fr", "a@x.f-r",
    "a@ab--c.fr", "a@a--b.fr", "a@xn--bcher-kva.fr", "a@xn--x.fr", "a@x.test", "a@x.local", "a@x.LOCALHOST", "a@x",
    "a@x.1", "a@1.2.fr", "a@x.c", "\u212a@x.fr", "a@x.\u017fr", "a b@x.fr", '"a"@x.fr', "a@[1.2.3.4]", "Jean <a@x.fr>",
    "a@x.fr\n", " a@x.fr ", "info@x.fr", "a+tag@x.fr", "a!#$%&'*+/=?^_`{|}~-@x.fr", "léa@exemple.fr", "a@école.fr",
    "a" * 64 + "@x.fr", "a" * 65 + "@x.fr", "a@" + "b" * 63 + ".fr", "a@" + "b" * 64 + ".fr",
    "a" * 240 + "@example.fr", "a" * 241 + "@example.fr", "a@" + ".".join(["b" * 60] * 4) + ".fr", "@x.fr", "a@",
    "a@x.fr.", "a@.x.fr", "a@x_y.fr", "a@@x.fr", "",
]


@pytest.mark.parametrize("value", EDGES)
def test_edge_cases_match_email_validator(value: str) -> None:
    assert outcome(value) == reference(value)


ATOM = st.text(alphabet="abcXYZ019.-_+!'", min_size=0, max_size=8)
LABEL = st.text(alphabet="abcXYZ019-", min_size=0, max_size=8)
TLD = st.sampled_from(["fr", "COM", "c", "local", "test", "invalid", "onion", "arpa", "localhost", "x1", "xn--p1ai",
                      "example", "a" * 63, "a" * 64])


@st.composite
def near_emails(draw: st.DrawFn) -> str:
    """Addresses assembled from pieces that are often, but not always, valid."""
    labels = draw(st.lists(LABEL, min_size=0, max_size=3))
    return f"{draw(ATOM)}@{'.'.join([*labels, draw(TLD)])}"


@settings(max_examples=1500, deadline=None)
@given(st.one_of(near_emails(), st.emails(), st.text(max_size=30),
                 st.text(alphabet="aZ0.-@_+ \"<>[]\u00e9\u212a\u017f", max_size=20)))
def test_any_text_matches_email_validator(value: str) -> None:
    assert outcome(value) == reference(value)


def test_the_common_addresses_take_the_fast_path() -> None:
    for value in ["person12@example.fr", "Jean.Dupont@Exemple.FR", "a+b@mail.co.uk"]:
        assert PLAIN_EMAIL.fullmatch(value)
