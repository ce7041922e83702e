"""Encryption under the installation's secret key, for what a person's data must not be left readable in:
a file kept until the person downloads it, a link that carries a form until its address is confirmed.

    seal(secret, purpose, data, aad) -> bytes          AES-256-GCM, a key per purpose (HKDF-SHA256 of the secret)
    unseal(secret, purpose, sealed, aad) -> bytes      raises `Unsealable` when altered, or sealed for another
                                                       purpose or `aad`
    seal_token(secret, purpose, value) -> str          a JSON value sealed with its time, as URL-safe text
    unseal_token(secret, purpose, token, max_age) -> value, sealed_at
                                                       raises `Unsealable` when altered or older than `max_age`
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_NONCE = 12


class Unsealable(ValueError):
    """Sealed data that was altered, sealed for another purpose, or has expired."""


def _key(secret: str, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=f"registre-sealing-v1:{purpose}".encode()).derive(secret.encode())


def seal(secret: str, purpose: str, data: bytes, aad: bytes = b"") -> bytes:
    """`data` encrypted and authenticated for `purpose`, bound to `aad` (a name it must be opened with)."""
    nonce = os.urandom(_NONCE)
    return nonce + AESGCM(_key(secret, purpose)).encrypt(nonce, data, aad)


def unseal(secret: str, purpose: str, sealed: bytes, aad: bytes = b"") -> bytes:
    """The data `seal` encrypted; raises `Unsealable` if anything differs."""
    try:
        return AESGCM(_key(secret, purpose)).decrypt(sealed[:_NONCE], sealed[_NONCE:], aad)
    except (InvalidTag, ValueError):
        raise Unsealable(purpose) from None


def seal_token(secret: str, purpose: str, value: Any, now: dt.datetime | None = None) -> str:
    """`value` (JSON-ready) and the time, sealed for `purpose`, as URL-safe text."""
    at = int((now or dt.datetime.now(dt.UTC)).timestamp())
    plain = json.dumps([at, value], separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(seal(secret, purpose, plain)).rstrip(b"=").decode()


def unseal_token(secret: str, purpose: str, token: str, max_age: dt.timedelta,
                 now: dt.datetime | None = None) -> tuple[Any, dt.datetime]:
    """The value of a token and when it was sealed; raises `Unsealable` when altered or too old."""
    try:
        sealed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise Unsealable(purpose) from None
    at, value = json.loads(unseal(secret, purpose, sealed))
    sealed_at = dt.datetime.fromtimestamp(at, dt.UTC)
    if (now or dt.datetime.now(dt.UTC)) - sealed_at > max_age:
        raise Unsealable(purpose)
    return value, sealed_at
