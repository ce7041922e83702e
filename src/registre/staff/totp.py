"""Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30-second steps): what authenticator apps use.

Twenty lines of hmac against the RFC's own test vectors, rather than a dependency (pyotp) for them."""

from __future__ import annotations

import base64
import hmac
import secrets
import struct
import time
from urllib.parse import quote

STEP = 30
DIGITS = 6


def new_secret() -> str:
    """A random 160-bit secret, in base32 as authenticator apps take it."""
    return base64.b32encode(secrets.token_bytes(20)).decode()


def code_at(secret: str, at: float, *, digits: int = DIGITS, digest: str = "sha1") -> str:
    """The code for the time step holding `at` (Unix seconds) (RFC 4226 dynamic truncation)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)
    mac = hmac.new(key, struct.pack(">Q", int(at) // STEP), digest).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def check(secret: str, code: str, at: float | None = None) -> bool:
    """Whether `code` is the code of now, or of the step before or after (clock drift)."""
    return step_of(secret, code, at) is not None


def step_of(secret: str, code: str, at: float | None = None) -> int | None:
    """The time step whose code `code` is (now, or the step before or after), or None; a caller that keeps the
    last step accepted per account makes each code good once (RFC 6238 §5.2)."""
    now = time.time() if at is None else at
    given = code.strip().replace(" ", "")
    found = None
    for drift in (-1, 0, 1):  # every candidate compared, in constant time
        moment = now + drift * STEP
        if hmac.compare_digest(given, code_at(secret, moment)):
            found = int(moment) // STEP
    return found


def uri(secret: str, account: str, issuer: str = "registre") -> str:
    """The otpauth:// address an authenticator app reads (usually from a QR code)."""
    return f"otpauth://totp/{quote(issuer)}:{quote(account)}?secret={secret}&issuer={quote(issuer)}&digits={DIGITS}"

