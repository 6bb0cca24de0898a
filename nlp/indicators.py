"""The indicator vocabulary (lexicons/indicators.yaml): which indicator a phrase names, and the labels of
indicators, measures, period kinds and statuses, Vietnamese first.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from nlp.text import alternation, lexicon, match_key

OTHER = "other"
GROUPS = ("indicators", "measures", "period_kinds", "statuses")


@dataclass(frozen=True)
class Label:
    vi: str
    en: str


@dataclass(frozen=True)
class _Vocabulary:
    phrases: re.Pattern[str]
    keys: dict[str, str]  # phrase in matching form -> key
    generic: frozenset[str]  # keys that yield to a more specific phrase before them
    panel: frozenset[str]  # keys whose figures are a province's totals (branches included)
    branches: dict[str, tuple[re.Pattern[str], dict[str, str]]]  # parent key -> (pattern, phrase -> key)
    roots: dict[str, str]  # branch key -> its parent's key
    labels: dict[str, dict[str, Label]]  # group (indicators, measures, period_kinds, statuses) -> key -> labels


def _form(phrase: str) -> str:
    return " ".join(match_key(phrase).split())


def _pattern(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{alternation(phrases)})(?!\w)")


@functools.cache
def _vocabulary() -> _Vocabulary:
    data = lexicon("indicators.yaml")
    keys: dict[str, str] = {}
    labels: dict[str, Label] = {}
    branches: dict[str, tuple[re.Pattern[str], dict[str, str]]] = {}
    roots: dict[str, str] = {}
    for key, entry in data["indicators"].items():
        labels[key] = Label(entry["vi"], entry["en"])
        keys.update({_form(p): key for p in entry["phrases"]})
        parts = dict(entry.get("branches", {}))
        if entry.get("products"):
            parts.update(data["products"])
        branch_keys: dict[str, str] = {}
        for name, part in parts.items():
            branch = f"{key}_{name}"
            vi = part["vi"] if "branches" in entry and name in entry["branches"] else f"{entry['vi']}: {part['vi']}"
            en = part["en"] if "branches" in entry and name in entry["branches"] else f"{entry['en']}: {part['en']}"
            labels[branch] = Label(vi, en)
            roots[branch] = key
            branch_keys.update({_form(p): branch for p in [*part.get("phrases", []), *part.get("alone", [])]})
            keys.update({_form(p): branch for p in part.get("alone", [])})
        if branch_keys:
            branches[key] = (_pattern(list(branch_keys)), branch_keys)
    labels[OTHER] = Label(data[OTHER]["vi"], data[OTHER]["en"])
    groups = {"indicators": labels}
    for group in GROUPS[1:]:
        groups[group] = {name: Label(entry["vi"], entry["en"]) for name, entry in data[group].items()}
    generic = frozenset(key for key, entry in data["indicators"].items() if entry.get("generic"))
    excluded = {key for key, entry in data["indicators"].items() if entry.get("panel") is False}
    panel = frozenset(key for key in labels if key != OTHER and key not in excluded
                      and not any(key.startswith(f"{parent}_") for parent in excluded))
    return _Vocabulary(_pattern(list(keys)), keys, generic, panel, branches, roots, groups)


def phrase_pattern() -> re.Pattern[str]:
    """Every indicator phrase, in matching form (search it in `match_key` text)."""
    return _vocabulary().phrases


def key_of(phrase: str) -> str:
    """The key a matched phrase names; OTHER when the vocabulary does not know it."""
    return _vocabulary().keys.get(_form(phrase), OTHER)


def is_generic(key: str) -> bool:
    """A key like `funds` ("trị giá") that an earlier, more specific phrase in the clause overrides."""
    return key in _vocabulary().generic


def in_panel(key: str) -> bool:
    """Whether a key's figures are a province's totals, charted as series (not a fair's revenue)."""
    return key in _vocabulary().panel


def root_of(key: str) -> str:
    """The indicator a branch key belongs to ("iip_mining" -> "iip"); any other key is its own root."""
    return _vocabulary().roots.get(key, key)


def branches(parent: str, key_text: str) -> list[tuple[str, int, int]]:
    """Every branch of `parent` named in `key_text` (matching form): (branch key, start, end)."""
    found = _vocabulary().branches.get(parent)
    if found is None:
        return []
    pattern, keys = found
    return [(keys[_form(m.group())], m.start(), m.end()) for m in pattern.finditer(key_text)]


def branch(parent: str, key_text: str) -> tuple[str, int, int] | None:
    """The first branch of `parent` named in `key_text` (matching form): (branch key, start, end)."""
    return next(iter(branches(parent, key_text)), None)


def label(key: str, group: str = "indicators") -> Label:
    """The labels of a key in a group: an indicator, a measure, a period kind or a status (the key if unknown)."""
    return _vocabulary().labels[group].get(key, Label(key, key))


def keys_of(group: str = "indicators") -> list[str]:
    """Every key of a group in vocabulary order (indicators with their branches and `other`)."""
    return list(_vocabulary().labels[group])
