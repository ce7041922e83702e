"""What a flow acts within: the store, the settings, the declaration, who acts with which role, and the reader's
language. The CLI builds one per command (`kit.cli.context`), the web one per request (`web.deps`); the flows take
it and open one unit of work per call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from registre.config import Settings
from registre.errors import InvalidInput
from registre.i18n import Lang, Msg

if TYPE_CHECKING:
    from registre.declarations.declared import Declared  # the declaration's schemas, loaded when one is read
    from registre.staff.policy import Policy

DPO = "dpo"  # the data protection officer's role: sees and does everything
NO_DECLARATION = Msg(en="No declaration is given: set REGISTRE_DECLARATION (or --declaration).",
                     fr="Aucune déclaration n'est donnée : définissez REGISTRE_DECLARATION (ou --declaration).")


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: their name in the audit log, and their role."""

    name: str
    role: str


@dataclass(frozen=True)
class Context:
    """The store, settings, declaration, actor and language a flow call acts within."""

    engine: Engine
    settings: Settings
    declared: Declared | None
    actor: Actor
    lang: Lang

    @property
    def policy(self) -> Policy:
        """The authorisation policy of this declaration and these settings."""
        from registre.staff.policy import Policy  # the commands that act as the DPO never load the policy

        return Policy(self.declared, self.settings.duties)

    def declaration(self) -> Declared:
        """The declaration, or a plain error when there is none."""
        if self.declared is None:
            raise InvalidInput(NO_DECLARATION)
        return self.declared

    def sees_everything(self) -> bool:
        """Whether the acting role sees every activity's data."""
        return self.policy.sees_everything(self.actor.role)
