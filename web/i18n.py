"""The interface in Vietnamese first, English on request: the catalogue, the reader's language, `t()`.

The catalogue (`web/messages.yaml`) maps a message key to its Vietnamese and English text, with
`{name}` placeholders. The language is the `sct_lang` cookie set by the switch (`/-/lang/en`),
else the browser's Accept-Language when it prefers English to Vietnamese, else Vietnamese.
Every template (ours and our overrides of Datasette's) gets `t`, `lang` and the formatters of
`web.formats` through the `extra_template_vars` hook.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import Any

import yaml

from nlp import indicators
from web import formats

CATALOGUE = Path(__file__).resolve().parent / "messages.yaml"
LANGUAGES = formats.LANGUAGES
DEFAULT = "vi"
COOKIE = "sct_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message by key; each has a text for every language (checked by the tests)."""
    return yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))


def text(key: str, lang: str = DEFAULT, **values: Any) -> str:
    """The message in `lang`, placeholders filled; an unknown key is returned as itself, so it shows."""
    entry = catalogue().get(key)
    if entry is None:
        return key
    message = entry.get(lang) or entry[DEFAULT]
    return message.format(**values) if values else message


def maybe(key: str, lang: str = DEFAULT) -> str | None:
    """The message if the catalogue has it: for data values with a label (indicator keys, kinds)."""
    entry = catalogue().get(key)
    return (entry.get(lang) or entry[DEFAULT]) if entry else None


def accepted(header: str | None) -> list[str]:
    """Primary language tags of an Accept-Language header, most preferred first (q=0 dropped)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, position, tag.split("-")[0].lower()))
    return [tag for _, _, tag in sorted(ranked)]


def choose_language(cookie: str | None, accept_language: str | None) -> str:
    if cookie in LANGUAGES:
        return cookie
    for tag in accepted(accept_language):
        if tag in LANGUAGES:
            return tag
    return DEFAULT


def request_language(request: Any) -> str:
    if request is None:
        return DEFAULT
    return choose_language(request.cookies.get(COOKIE), request.headers.get("accept-language"))


def template_vars(lang: str) -> dict[str, Callable[..., str] | str]:
    """What every template sees: `t('key', n=3)`, `lang`, and the formatters bound to the language."""
    return {
        "t": partial(text, lang=lang),
        "lang": lang,
        "other_lang": "en" if lang == "vi" else "vi",
        "fmt_day": partial(formats.day, lang=lang),
        "fmt_moment": partial(formats.moment, lang=lang),
        "fmt_period": partial(formats.period, lang=lang),
        "fmt_number": partial(formats.number, lang=lang),
        "indicator_name": partial(indicator_name, lang=lang),
    }


def indicator_name(key: str | None, lang: str = DEFAULT) -> str:
    """"Chỉ số sản xuất công nghiệp (IIP)" for iip, from the indicator vocabulary (nlp/indicators.py)."""
    if not key:
        return ""
    return getattr(indicators.label(key), lang, key)
