"""French and English texts: the `Lang` of a reader and the `Msg` pairs every person-facing text is made of."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal, get_args

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)


def lang_or_default(value: str | None, default: Lang = "en") -> Lang:
    """The language a locale string such as `fr_FR.UTF-8` or `en` names, or `default`."""
    if value:
        head = value.strip().lower()[:2]
        for lang in LANGS:
            if head == lang:
                return lang
    return default


def environment_lang() -> Lang:
    """The reader's language from the POSIX locale variables (`REGISTRE_LANG`, read by the settings, comes first)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return lang_or_default(value)
    return "en"


@dataclass(frozen=True, slots=True)
class Msg:
    """One text in both languages, with `{placeholders}` filled by `format`."""

    en: str
    fr: str

    def __call__(self, lang: Lang, /, **params: Any) -> str:
        """The text in `lang`, with its placeholders filled (a placeholder's own `Msg` in the same language)."""
        template = self.fr if lang == "fr" else self.en
        if not params:
            return template
        return template.format(**{k: v(lang) if isinstance(v, Msg) else v for k, v in params.items()})

    def both(self, **params: Any) -> dict[str, str]:
        """The text in every language, as a mapping."""
        return {lang: self(lang, **params) for lang in LANGS}
