"""Signed unsubscribe links: one-click (RFC 8058, List-Unsubscribe and List-Unsubscribe-Post) for a person, a
purpose and a channel. The token carries its content in clear and an HMAC-SHA256 of it under the secret key:
a forged or altered token is refused, and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from registre.errors import InvalidInput
from registre.i18n import Msg
from registre.kit.signing import InvalidToken, signed, unsigned

BAD_LINK = Msg(en="This unsubscribe link is not valid: it was altered or not issued by us. Nothing was changed.",
               fr="Ce lien de désinscription n'est pas valide : il a été modifié ou ne vient pas de nous. Rien n'a "
                  "été changé.")


@dataclass(frozen=True, slots=True)
class Target:
    """What an unsubscribe link stops: a person's messages for a purpose on a channel."""

    subject: str
    purpose: str
    channel: str


def sign(secret: str, target: Target) -> str:
    """The token of an unsubscribe link for `target` (it does not expire: RFC 8058 links must keep working)."""
    return signed(f"{target.subject}\n{target.purpose}\n{target.channel}", "unsubscribe", None, secret=secret)


def verify(secret: str, token: str) -> Target:
    """The target of a token; raises `InvalidInput` if it was forged or altered."""
    try:
        subject, purpose, channel = unsigned(token, "unsubscribe", secret=secret).split("\n")
    except (InvalidToken, ValueError):
        raise InvalidInput(BAD_LINK) from None
    return Target(subject, purpose, channel)


def headers(base_url: str, token: str) -> dict[str, str]:
    """The mail headers of a one-click unsubscribe (RFC 2369 and RFC 8058)."""
    return {"List-Unsubscribe": f"<{link(base_url, token)}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def link(base_url: str, token: str) -> str:
    """The address of the unsubscribe link."""
    return f"{base_url.rstrip('/')}/unsubscribe/{token}"
