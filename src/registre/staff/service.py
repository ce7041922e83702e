"""Staff accounts: passwords (argon2id), optional TOTP, sign-in sessions and API tokens; each step audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from registre.audit.service import record as audit
from registre.db.base import utcnow
from registre.errors import Conflict, InvalidInput, NotFound
from registre.i18n import Msg
from registre.models.staff import StaffMember, StaffSession
from registre.staff import totp
from registre.staff.policy import DPO, Policy

UNKNOWN_ROLE = Msg(en="'{role}' is not a role: roles are the declaration's internal recipients and dpo ({known}).",
                   fr="« {role} » n'est pas un rôle : les rôles sont les destinataires internes de la déclaration "
                      "et dpo ({known}).")
BAD_EMAIL = Msg(en="'{email}' is not an email address.", fr="« {email} » n'est pas une adresse électronique.")
EXISTS = Msg(en="{email} already has an account.", fr="{email} a déjà un compte.")
NO_ACCOUNT = Msg(en="No staff account for {email}.", fr="Aucun compte du personnel pour {email}.")
SHORT_PASSWORD = Msg(en="A password needs at least {n} characters.",
                     fr="Un mot de passe doit compter au moins {n} caractères.")
BAD_LOGIN = Msg(en="Wrong email address or password.", fr="Adresse électronique ou mot de passe incorrect.")
LAST_DPO = Msg(en="{email} is the last active DPO account: open another DPO account first, or nobody could manage "
                  "the staff any more.",
               fr="{email} est le dernier compte DPO actif : ouvrez d'abord un autre compte DPO, sinon plus personne "
                  "ne pourrait gérer le personnel.")
BAD_CODE = Msg(en="Wrong or expired code from the authenticator app.",
               fr="Code de l'application d'authentification incorrect ou expiré.")

MIN_PASSWORD = 12
TOKEN_PREFIX = "rst_"
_hasher = PasswordHasher()
# Compared against when the address is unknown, so that a wrong address costs the same time as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _normal_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise InvalidInput(BAD_EMAIL, email=email) from None


def get(session: Session, email: str) -> StaffMember:
    """The account of an address; `NotFound` if none."""
    member = session.scalar(select(StaffMember).where(StaffMember.email == _normal_email(email)))
    if member is None:
        raise NotFound(NO_ACCOUNT, email=email)
    return member


def add(session: Session, *, email: str, role: str, password: str, policy: Policy, actor: str) -> StaffMember:
    """Open an account with a role of the declaration (or dpo)."""
    if not policy.is_role(role):
        raise InvalidInput(UNKNOWN_ROLE, role=role, known=", ".join(policy.roles()))
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(SHORT_PASSWORD, n=MIN_PASSWORD)
    address = _normal_email(email)
    if session.scalar(select(StaffMember.id).where(StaffMember.email == address)) is not None:
        raise Conflict(EXISTS, email=address)
    member = StaffMember(email=address, role=role, password_hash=_hasher.hash(password))
    session.add(member)
    session.flush()
    audit(session, actor=actor, action="staff.added", target_type="staff_member", target_ref=address,
          details={"role": role})
    return member


def set_password(session: Session, member: StaffMember, password: str, *, actor: str) -> None:
    """Replace a member's password; their open sessions end."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(SHORT_PASSWORD, n=MIN_PASSWORD)
    member.password_hash = _hasher.hash(password)
    session.execute(delete(StaffSession).where(StaffSession.member_id == member.id))
    audit(session, actor=actor, action="staff.password_set", target_type="staff_member", target_ref=member.email)


def enable_totp(session: Session, member: StaffMember, *, actor: str) -> str:
    """Turn on the second factor with a new secret, returned once (for the authenticator app)."""
    member.totp_secret = totp.new_secret()
    audit(session, actor=actor, action="staff.totp_enabled", target_type="staff_member", target_ref=member.email)
    return member.totp_secret


def new_api_token(session: Session, member: StaffMember, *, actor: str) -> str:
    """A new API token for the member (the old one stops working), returned once: only its hash is kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    member.api_token_hash = _sha256(token)
    audit(session, actor=actor, action="staff.token_issued", target_type="staff_member", target_ref=member.email)
    return token


def by_api_token(session: Session, token: str) -> StaffMember | None:
    """The active member holding this API token."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    return session.scalar(select(StaffMember).where(StaffMember.api_token_hash == _sha256(token),
                                                    StaffMember.active.is_(True)))


def sign_in(session: Session, *, email: str, password: str, hours: int) -> tuple[StaffMember, str] | None:
    """Check a password and open a session; returns the member and the cookie's value, or None (the failure is
    audited: let the transaction commit). With TOTP on, the session is good for nothing until `second_factor`
    accepts a code."""
    try:
        address = _normal_email(email)
    except InvalidInput:
        address = ""
    member = session.scalar(select(StaffMember).where(StaffMember.email == address)) if address else None
    try:
        _hasher.verify(member.password_hash if member else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        member = None
    if member is None or not member.active:
        audit(session, actor=f"staff:{address or '?'}", action="staff.sign_in_failed", target_type="staff_member",
              target_ref=address or None)
        return None
    if _hasher.check_needs_rehash(member.password_hash):
        member.password_hash = _hasher.hash(password)
    token = secrets.token_urlsafe(32)
    session.add(StaffSession(token_hash=_sha256(token), member_id=member.id,
                             expires_at=utcnow() + dt.timedelta(hours=hours),
                             second_factor_due=member.totp_secret is not None))
    audit(session, actor=f"staff:{member.email}", action="staff.signed_in", target_type="staff_member",
          target_ref=member.email, details={"second_factor_due": member.totp_secret is not None})
    return member, token


def second_factor(session: Session, token: str, code: str) -> StaffMember | None:
    """Accept the TOTP code of a session waiting for it; None if the code is wrong (audited: let it commit)."""
    found = _session(session, token)
    if found is None:
        return None
    sign, member = found
    step = totp.step_of(member.totp_secret, code) if member.totp_secret else None
    if step is not None:  # a code is good once: the step must be later than the last accepted, claimed atomically
        claimed = session.execute(update(StaffMember).where(
            StaffMember.id == member.id,
            or_(StaffMember.totp_last_step.is_(None), StaffMember.totp_last_step < step),
        ).values(totp_last_step=step).execution_options(synchronize_session=False))
        step = step if claimed.rowcount == 1 else None  # type: ignore[attr-defined]
    if step is None:
        audit(session, actor=f"staff:{member.email}", action="staff.second_factor_failed",
              target_type="staff_member", target_ref=member.email)
        return None
    sign.second_factor_due = False
    audit(session, actor=f"staff:{member.email}", action="staff.second_factor_passed", target_type="staff_member",
          target_ref=member.email)
    return member


def _session(session: Session, token: str) -> tuple[StaffSession, StaffMember] | None:
    row = session.execute(select(StaffSession, StaffMember).join(StaffMember)
                          .where(StaffSession.token_hash == _sha256(token))).first()
    if row is None:
        return None
    sign, member = row[0], row[1]
    if sign.expires_at <= utcnow() or not member.active:
        return None
    return sign, member


def by_session(session: Session, token: str) -> StaffMember | None:
    """The member signed in with this cookie, if the session is live and its second factor passed."""
    found = _session(session, token)
    if found is None or found[0].second_factor_due:
        return None
    return found[1]


def waiting_for_code(session: Session, token: str) -> bool:
    """Whether this cookie's session waits for its TOTP code."""
    found = _session(session, token)
    return found is not None and found[0].second_factor_due


def sign_out(session: Session, token: str) -> None:
    """End the session of this cookie (and forget expired ones)."""
    found = _session(session, token)
    if found is not None:
        audit(session, actor=f"staff:{found[1].email}", action="staff.signed_out", target_type="staff_member",
              target_ref=found[1].email)
    session.execute(delete(StaffSession).where((StaffSession.token_hash == _sha256(token))
                                               | (StaffSession.expires_at <= utcnow())))


def listed(session: Session) -> list[StaffMember]:
    """Every account, by address."""
    return list(session.scalars(select(StaffMember).order_by(StaffMember.email)))


def _keep_a_dpo(session: Session, member: StaffMember) -> None:
    """Refuse to take away the last active DPO account."""
    if member.role != DPO or not member.active:
        return
    others = session.scalar(select(StaffMember.id).where(StaffMember.role == DPO, StaffMember.active.is_(True),
                                                         StaffMember.id != member.id).limit(1))
    if others is None:
        raise Conflict(LAST_DPO, email=member.email)


def disable(session: Session, member: StaffMember, *, actor: str) -> None:
    """Close an account: its sessions end and its API token stops working; the last active DPO stays."""
    _keep_a_dpo(session, member)
    member.active = False
    member.api_token_hash = None
    session.execute(delete(StaffSession).where(StaffSession.member_id == member.id))
    audit(session, actor=actor, action="staff.disabled", target_type="staff_member", target_ref=member.email)


def enable(session: Session, member: StaffMember, *, actor: str) -> None:
    """Open a closed account again (with its password as it was)."""
    member.active = True
    audit(session, actor=actor, action="staff.enabled", target_type="staff_member", target_ref=member.email)


def set_role(session: Session, member: StaffMember, role: str, *, policy: Policy, actor: str) -> None:
    """Give a member another role of the declaration; the last active DPO keeps theirs. Their sessions end."""
    if not policy.is_role(role):
        raise InvalidInput(UNKNOWN_ROLE, role=role, known=", ".join(policy.roles()))
    if role == member.role:
        return
    _keep_a_dpo(session, member)
    before, member.role = member.role, role
    session.execute(delete(StaffSession).where(StaffSession.member_id == member.id))
    audit(session, actor=actor, action="staff.role_changed", target_type="staff_member", target_ref=member.email,
          details={"from": before, "to": role})
