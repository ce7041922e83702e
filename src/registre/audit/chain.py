"""The audit chain's arithmetic: how an entry is hashed, and the signed checkpoints that anchor the chain.

Two schemes, told apart by each entry's `scheme`:

1. plain SHA-256 of the previous hash and the entry's canonical JSON (entries written before the keyed chain;
   still verified as they were, but only as a prefix of the log: anyone could recompute them);
2. HMAC-SHA256 under the audit key (`REGISTRE_AUDIT_KEY`, kept outside the database), over the canonical form
   `[prev_hash, at, actor, action, target_type, target_ref, subject_ref, details]` (orjson, keys sorted).
   Without the key nobody can forge an entry, edit one and recompute the chain, or append one.

A key alone does not see what is missing at the end: a checkpoint does. It states the number of entries and the
hash of the last one, signed with an Ed25519 key derived from the audit key; kept outside the database (a file,
another system, a letter to the DPO), it shows any later truncation, deletion or rewriting of what it covers.
Its public key is written in it, so that anyone can check the signature without the secret.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import orjson

if TYPE_CHECKING:  # the checkpoints' cryptography, imported by them: appending an entry needs none of it
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

GENESIS = "0" * 64
LEGACY, KEYED = 1, 2
FORMAT = "registre-audit-checkpoint/1"


def normalised(details: dict[str, Any]) -> dict[str, Any]:
    """`details` as the database gives them back (JSON types only), so that the hash computed when writing is the
    one computed when reading."""
    value: dict[str, Any] = json.loads(json.dumps(details, ensure_ascii=False, default=str))
    return value


def canonical(prev_hash: str, at: str, actor: str, action: str, target_type: str, target_ref: str | None,
              subject_ref: str | None, details: Any) -> bytes:
    """The bytes an entry's keyed hash (scheme 2) covers: the writer's and the verifier's one definition."""
    content = [prev_hash, at, actor, action, target_type, target_ref, subject_ref, details]
    try:
        return orjson.dumps(content, option=orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):  # an integer beyond 64 bits: the slower, unbounded encoder
        return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


class Keyer(Protocol):
    """Computes the keyed hash of an entry under one key (see `keyer`)."""

    def __call__(self, prev_hash: str, at: str, actor: str, action: str, target_type: str, target_ref: str | None,
                 subject_ref: str | None, details: Any, /) -> str:
        """The HMAC-SHA256 of the entry, in hexadecimal."""


@functools.lru_cache(maxsize=4)
def keyer(key: bytes) -> Keyer:
    """The keyed hash (scheme 2) under `key`, as a function of the entry: HMAC-SHA256 (RFC 2104) whose inner and
    outer SHA-256 states have absorbed the key once; copying them costs half of what `hmac.digest` costs per call,
    which a million entries feel."""
    block = hashlib.sha256(key).digest() if len(key) > 64 else key
    block = block.ljust(64, b"\0")
    inner_copy = hashlib.sha256(bytes(b ^ 0x36 for b in block)).copy
    outer_copy = hashlib.sha256(bytes(b ^ 0x5C for b in block)).copy

    def digest(prev_hash: str, at: str, actor: str, action: str, target_type: str, target_ref: str | None,
               subject_ref: str | None, details: Any, /) -> str:
        inner = inner_copy()
        inner.update(canonical(prev_hash, at, actor, action, target_type, target_ref, subject_ref, details))
        outer = outer_copy()
        outer.update(inner.digest())
        return outer.hexdigest()

    return digest


def keyed(key: bytes, prev_hash: str, at: str, actor: str, action: str, target_type: str, target_ref: str | None,
          subject_ref: str | None, details: Any) -> str:
    """The HMAC-SHA256 (scheme 2) of an entry, `at` in ISO 8601 UTC (the same as `hmac.new(key, canonical(...),
    'sha256').hexdigest()`)."""
    return keyer(key)(prev_hash, at, actor, action, target_type, target_ref, subject_ref, details)


def iso_of_text(stored: str) -> str | None:
    """A moment as the database gives it back as text ('2026-01-01 10:00:00.000120' on SQLite, fraction trimmed
    on PostgreSQL), written as `iso` writes it; None when it is not one. String work: parsing a million dates
    costs seconds."""
    whole, _, fraction = stored.partition(".")
    if len(whole) != 19 or whole[4] != "-" or whole[10] not in " T" or (not fraction.isdigit() and fraction):
        return None
    micro = fraction.ljust(6, "0")
    if len(micro) != 6:
        return None
    return f"{whole[:10]}T{whole[11:]}{'' if micro == '000000' else '.' + micro}+00:00"


def legacy(prev_hash: str, at: str, actor: str, action: str, target_type: str, target_ref: str | None,
           subject_ref: str | None, details: Any) -> str:
    """The plain SHA-256 (scheme 1) of an entry, as entries were hashed before the keyed chain."""
    content = {"at": at, "actor": actor, "action": action, "target_type": target_type, "target_ref": target_ref,
               "subject_ref": subject_ref, "details": details}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


def iso(at: dt.datetime) -> str:
    """A moment as the chain states it: ISO 8601 in UTC."""
    return at.astimezone(dt.UTC).isoformat()


# --- checkpoints ---------------------------------------------------------------------------------------------------

def _signing_key(key: bytes) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.hashes import SHA256
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    seed = HKDF(algorithm=SHA256(), length=32, salt=None, info=b"registre audit checkpoint").derive(key)
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key(key: bytes) -> str:
    """The public half of the checkpoint key derived from the audit key, in base64."""
    raw = _signing_key(key).public_key().public_bytes_raw()
    return base64.b64encode(raw).decode()


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The chain's head at a moment: how many entries, the id and hash of the last, signed."""

    count: int
    head_id: int | None
    head_hash: str
    at: str
    public_key: str
    signature: str = ""

    def payload(self) -> bytes:
        """The bytes the signature covers: every field but the signature, canonical."""
        return orjson.dumps({"format": FORMAT, "count": self.count, "head_id": self.head_id,
                             "head_hash": self.head_hash, "at": self.at, "public_key": self.public_key},
                            option=orjson.OPT_SORT_KEYS)

    def as_dict(self) -> dict[str, Any]:
        """The checkpoint as the file states it."""
        return {"format": FORMAT, "count": self.count, "head_id": self.head_id, "head_hash": self.head_hash,
                "at": self.at, "public_key": self.public_key, "signature": self.signature}


def sign(key: bytes, *, count: int, head_id: int | None, head_hash: str, at: dt.datetime) -> Checkpoint:
    """A checkpoint of the chain's head, signed with the key derived from the audit key."""
    unsigned = Checkpoint(count, head_id, head_hash, iso(at), public_key(key))
    signature = base64.b64encode(_signing_key(key).sign(unsigned.payload())).decode()
    return Checkpoint(count, head_id, head_hash, unsigned.at, unsigned.public_key, signature)


class BadCheckpoint(ValueError):
    """A checkpoint that cannot be read, or whose signature does not hold."""


def parse(data: bytes) -> Checkpoint:
    """A checkpoint from its file, its signature checked against the public key it states; raises
    `BadCheckpoint`."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        value = orjson.loads(data)
        if value.get("format") != FORMAT:
            raise BadCheckpoint("not a checkpoint of registre's audit log")
        point = Checkpoint(int(value["count"]), None if value["head_id"] is None else int(value["head_id"]),
                           str(value["head_hash"]), str(value["at"]), str(value["public_key"]),
                           str(value["signature"]))
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(point.public_key, validate=True))
        public.verify(base64.b64decode(point.signature, validate=True), point.payload())
    except BadCheckpoint:
        raise
    except (orjson.JSONDecodeError, AttributeError, KeyError, TypeError, ValueError, InvalidSignature) as error:
        raise BadCheckpoint(f"the checkpoint cannot be read or its signature does not hold ({error!r})") from None
    return point
