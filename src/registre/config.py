"""The one settings object of registre, read from `REGISTRE_*` environment variables (and a `.env` file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from registre.errors import InvalidInput
from registre.i18n import Lang, Msg, environment_lang, lang_or_default
from registre.law.calendar import Region
from registre.law.facts import CONSENT_COOKIE_MAX_MONTHS, COOKIE_CHOICE_MONTHS

DEVELOPMENT_SECRET = "development-only-secret-change-me"
DEVELOPMENT_AUDIT_KEY = "development-only-audit-key-change-me"


class Settings(BaseSettings):
    """Everything an installation can set; each field is documented in docs/settings.md."""

    model_config = SettingsConfigDict(env_prefix="REGISTRE_", env_file=".env", extra="ignore")

    env: Literal["development", "production", "test"] = Field(
        "development", description="Where registre runs; secrets must be set outside development."
    )
    lang: Lang = Field(default_factory=environment_lang,
                       description="Language of messages: fr or en (default: from the locale).")
    data_dir: Path = Field(Path("registre-data"), description="Folder for the SQLite database and generated files.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL of the engine's store; default: SQLite in data_dir."
    )
    declaration: Path | None = Field(
        None, description="The organisation's declaration (a YAML file or folder) the store and requests follow."
    )
    datasets: Path | None = Field(
        None, description="The annotations of the organisation's own databases (a YAML file, or a folder of them)."
    )
    pseudonym_key: SecretStr | None = Field(
        None, description="Key of the keyed hash that pseudonymises columns; default: derived from secret_key."
    )
    k_anonymity: int = Field(5, ge=2, description="Smallest group of rows that anonymised statistics may keep "
                             "(k-anonymity over the declared quasi-identifiers).")
    retention_batch: int = Field(50_000, ge=1, description="Rows per transaction in a retention run.")
    region: Region = Field("metropole", description="Public-holiday calendar for deadlines: metropole, "
                           "alsace-moselle, or an overseas department.")
    smtp_host: str | None = Field(None, description="SMTP server for mail to people; unset: mail goes to the outbox "
                                  "folder in data_dir.")
    smtp_port: int = Field(587, description="SMTP port.")
    smtp_user: str | None = Field(None, description="SMTP user name, if the server asks for one.")
    smtp_password: SecretStr | None = Field(None, description="SMTP password.")
    smtp_starttls: bool = Field(True, description="Whether to upgrade the SMTP connection with STARTTLS.")
    mail_from: str = Field("privacy@localhost", description="The sender address of mail to people (the organisation's "
                           "name is shown with it unless it has a display name).")
    outbox_retry_seconds: int = Field(60, ge=1, description="Wait before trying a letter again after the mail "
                                      "server refused it or could not be reached; doubled after each failure.")
    outbox_retry_max_seconds: int = Field(3600, ge=1, description="Longest wait between two attempts at a letter.")
    outbox_lease_seconds: int = Field(300, ge=1, description="How long a worker holds a letter it is sending; a "
                                      "worker that dies meanwhile leaves it to be sent again after that, with the "
                                      "same Message-ID.")
    schedule_outbox: str = Field("* * * * *", description="When workers send every letter that is due (cron "
                                 "expression, Paris time is not used: the worker's clock); empty: never.")
    schedule_purges: str = Field("17 3 * * *", description="When workers delete answer packages and cookie-choice "
                                 "proofs whose time is up (cron expression); empty: never.")
    schedule_breach_alerts: str = Field("*/10 * * * *", description="When workers alert the DPO of breaches with 24 "
                                        "hours or less left to notify (cron expression); empty: never.")
    schedule_retention: str = Field("30 2 * * *", description="When workers run retention: delete, anonymise or "
                                    "archive what the declaration says is due (cron expression); empty: never.")
    jobs_in_process: bool | None = Field(None, description="Whether `registre serve` runs the jobs itself (the "
                                         "outbox, long rights, periodic jobs); default: yes on SQLite, no on "
                                         "PostgreSQL (run `registre worker`).")
    worker_concurrency: int = Field(2, ge=1, description="Jobs one worker process runs at once.")
    redis_url: str | None = Field(None, description="Redis server shared by the web processes for rate limits "
                                  "(redis://127.0.0.1:6379/0); default: the store on PostgreSQL, else memory.")
    api_token: SecretStr | None = Field(None, description="Bearer token staff present to the HTTP API.")
    secret_key: SecretStr = Field(
        SecretStr(DEVELOPMENT_SECRET), description="Key that signs links and sessions; required outside development."
    )
    audit_key: SecretStr = Field(
        SecretStr(DEVELOPMENT_AUDIT_KEY), description="Key of the audit chain's HMAC and of its signed checkpoints; "
        "keep it outside the database; required outside development."
    )
    public_url: str | None = Field(None, description="The address people reach registre at, for links in mail "
                                   "(unsubscribe); default: the address of the request, or http://127.0.0.1:8000.")
    consent_choice_months: int = Field(COOKIE_CHOICE_MONTHS, ge=1, le=CONSENT_COOKIE_MAX_MONTHS,
                                       description="How long the cookie banner keeps a choice before asking again "
                                       "(the choice cookie's lifetime), at most 13 months.")
    consent_proof_months: int = Field(CONSENT_COOKIE_MAX_MONTHS, ge=1, description="How long an anonymous "
                                      "cookie-choice proof is kept before `registre consent purge` deletes it.")
    package_days: int = Field(30, ge=1, le=365, description="How long the privacy center keeps an answer's files "
                              "(encrypted) for the person to download, before deleting them.")

    rate_limit: int = Field(20, ge=1, description="Submissions of one public form (and staff sign-in attempts) "
                            "allowed per client address per minute.")
    staff_session_hours: int = Field(8, ge=1, le=24 * 30, description="How long a staff sign-in lasts.")
    duties: dict[str, list[str]] = Field(
        default_factory=lambda: {"requests": ["customer_relations"], "consent": ["marketing", "customer_relations"],
                                 "breaches": ["it"], "audit": ["control"]},
        description="Which roles (besides the DPO) handle rights requests, consent and marketing, breaches and "
        "the audit log (JSON).")

    @field_validator("lang", mode="before")
    @classmethod
    def _locale_or_language(cls, value: object) -> object:
        """`fr_FR.UTF-8` reads as `fr`, like the locale variables; another language falls back to English."""
        return lang_or_default(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _no_default_secret_outside_development(self) -> Settings:
        if self.env != "development" and self.secret_key.get_secret_value() == DEVELOPMENT_SECRET:
            raise ValueError("REGISTRE_SECRET_KEY must be set outside development")
        if self.env != "development" and self.audit_key.get_secret_value() == DEVELOPMENT_AUDIT_KEY:
            raise ValueError("REGISTRE_AUDIT_KEY must be set outside development")
        return self

    @property
    def audit_key_is_default(self) -> bool:
        """Whether the audit chain is keyed with the development key anyone can read in the source."""
        return self.audit_key.get_secret_value() == DEVELOPMENT_AUDIT_KEY

    @property
    def creates_store(self) -> bool:
        """Whether the store is made or upgraded on first use: a development store on SQLite. Elsewhere the schema
        is brought up to date by `registre db upgrade`, and every start checks it."""
        return self.env == "development" and self.store_url.startswith("sqlite")

    @property
    def store_url(self) -> str:
        """The database URL in use: the setting, or a SQLite file in `data_dir`."""
        return self.database_url or f"sqlite:///{self.data_dir / 'registre.sqlite3'}"


BAD_SETTINGS = Msg(en="The settings are not valid: {problems}", fr="Les réglages ne sont pas valides : {problems}")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once; a bad `REGISTRE_*` value is a plain error naming it."""
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(f"REGISTRE_{'_'.join(str(p) for p in e['loc']).upper() or '?'}: {e['msg']}"
                             for e in error.errors(include_url=False))
        raise InvalidInput(BAD_SETTINGS, problems=problems) from None
    except SettingsError as error:  # a value that should be JSON and is not (REGISTRE_DUTIES, …)
        raise InvalidInput(BAD_SETTINGS, problems=str(error)) from None
