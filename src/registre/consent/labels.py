"""The words for the consent ledger's codes (a consent's state, how it was given), in French and English;
`registre.labels.label` finds them here."""

from __future__ import annotations

from registre.consent.schemas import Method, State
from registre.i18n import Msg

CONSENT_STATES: dict[State, Msg] = {
    State.given: Msg(en="Given", fr="Donné"),
    State.refused: Msg(en="Refused", fr="Refusé"),
    State.withdrawn: Msg(en="Withdrawn", fr="Retiré"),
    State.expired: Msg(en="Expired", fr="Expiré"),
}
METHODS: dict[Method, Msg] = {
    Method.web_form: Msg(en="Web form", fr="Formulaire en ligne"),
    Method.banner: Msg(en="Cookie banner", fr="Bandeau cookies"),
    Method.email: Msg(en="Email", fr="Courriel"),
    Method.one_click_link: Msg(en="Unsubscribe link", fr="Lien de désinscription"),
    Method.sms_stop: Msg(en="SMS STOP", fr="SMS STOP"),
    Method.paper: Msg(en="Paper form", fr="Formulaire papier"),
    Method.phone: Msg(en="Telephone", fr="Téléphone"),
    Method.in_person: Msg(en="In person", fr="En personne"),
    Method.app: Msg(en="Mobile app", fr="Application mobile"),
    Method.api: Msg(en="Through the API", fr="Par l'API"),
    Method.not_recorded: Msg(en="Not recorded in the imported ledger", fr="Non précisée dans le registre importé"),
}
