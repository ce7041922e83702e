"""Signed, expiring tokens: a value in clear and an HMAC-SHA256 of it under the secret key, for one purpose.

    signed(value, purpose, max_age, *, secret) -> str     max_age in seconds, None for no expiry
    unsigned(token, purpose, *, secret) -> str            the value; InvalidToken if forged, altered, for
                                                          another purpose, or expired

A token is `b64(value).mac`, or `b64(value).expiry.mac` with the expiry in hexadecimal Unix seconds; the MAC
covers the purpose, so a token made for one use is refused by every other.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time

from registre.errors import InvalidInput
from registre.i18n import Msg

BAD_TOKEN = Msg(en="This link or form is not valid: it was altered or not issued by us. Nothing was changed.",
                fr="Ce lien ou ce formulaire n'est pas valide : il a été modifié ou ne vient pas de nous. Rien n'a "
                   "été changé.")
EXPIRED_TOKEN = Msg(en="This link or form has expired. Nothing was changed; please start again.",
                    fr="Ce lien ou ce formulaire a expiré. Rien n'a été changé ; veuillez recommencer.")


class InvalidToken(InvalidInput):
    """A signed token that was forged, altered, meant for something else, or expired."""

    code = "invalid_token"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret: str, purpose: str, payload: str) -> str:
    context = f"registre-{purpose}-v1:".encode()
    return _b64(hmac.new(secret.encode(), context + payload.encode(), hashlib.sha256).digest())


def signed(value: str, purpose: str, max_age: int | None, *, secret: str) -> str:
    """A token carrying `value` in clear, that only `purpose` accepts, for `max_age` seconds (None: no expiry)."""
    payload = _b64(value.encode())
    if max_age is not None:
        payload += f".{int(time.time()) + max_age:x}"
    return f"{payload}.{_mac(secret, purpose, payload)}"


def unsigned(token: str, purpose: str, *, secret: str) -> str:
    """The value of a token made by `signed` for `purpose`; raises `InvalidToken` if forged, altered or expired."""
    payload, _, mac = token.rpartition(".")
    if not payload or not mac or not hmac.compare_digest(mac.encode(), _mac(secret, purpose, payload).encode()):
        raise InvalidToken(BAD_TOKEN)
    value, _, expires = payload.partition(".")
    try:
        if expires and int(expires, 16) < time.time():
            raise InvalidToken(EXPIRED_TOKEN)
        return _unb64(value).decode()
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidToken(BAD_TOKEN) from None
