"""The source registry: which sites to crawl and how, loaded from YAML and validated.

A bad entry stops the load with an error that names the file, the entry and the field,
so a typo in one of sixty-three entries is found before any request is made.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml
from cssselect import SelectorError
from lxml.cssselect import CSSSelector

SOURCES_DIR = Path(__file__).resolve().parent.parent / "sources"
MIRROR_REGISTRY = SOURCES_DIR / "mirror.yaml"  # the local mirror's fixture sites: the offline default
PROVINCES_REGISTRY = SOURCES_DIR / "provinces.yaml"  # the real departments, Ministry and papers
DEFAULT_MIRROR_PORT = 8765

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_VARIABLE = re.compile(r"\$\{([A-Z_]+)\}")
_DATE_ORDERS = ("dmy", "mdy")
_KINDS = ("department", "ministry", "paper")
_SELECTOR_KEYS = ("title", "date", "body", "author", "category", "drop")
_LINK_KEYS = ("article", "pagination", "deny")
_VERIFIED = ("seen", "guessed")


class RegistryError(ValueError):
    """A registry file or entry that cannot be used, with where it is."""

    def __init__(self, path: Path | str, entry: str | None, field_name: str | None, message: str):
        self.path, self.entry, self.field_name = str(path), entry, field_name
        where = self.path
        if entry is not None:
            where += f": entry {entry!r}"
        if field_name is not None:
            where += f", field {field_name!r}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Listing:
    url: str
    category: str | None = None


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    province: str | None
    province_2025: str | None
    homepage: str
    date_order: str
    enabled: bool = True
    kind: str = "department"
    region: str | None = None
    platform: str | None = None
    listings: tuple[Listing, ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    article_links: tuple[str, ...] = ()
    pagination_links: tuple[str, ...] = ()
    deny_links: tuple[str, ...] = ()
    selectors: Mapping[str, Any] = field(default_factory=dict)
    max_pages: int = 50
    verify_tls: bool = True
    notes: str | None = None
    verified: str | None = None  # seen: the host was seen in public material; guessed: from the usual pattern
    declared: tuple[str, ...] = ()  # the fields the entry writes, so a default never overrides what was learned

    @property
    def configured(self) -> bool:
        """Hand-written discovery (listings, sitemaps or feeds); otherwise the crawler finds its own."""
        return bool(self.listings or self.sitemaps or self.feeds)

    @property
    def domains(self) -> tuple[str, ...]:
        urls = [self.homepage, *(listing.url for listing in self.listings), *self.sitemaps, *self.feeds]
        return tuple(sorted({urlparse(url).hostname or "" for url in urls} - {""}))


def mirror_variables(port: int | None = None) -> dict[str, str]:
    """The variables a registry URL may use; the mirror's port comes from the caller or the env."""
    chosen = port if port is not None else int(os.environ.get("SCT_MIRROR_PORT", DEFAULT_MIRROR_PORT))
    return {"MIRROR_PORT": str(chosen)}


def load_registry(paths: Path | str | Iterable[Path | str] | None = None,
                  variables: Mapping[str, str] | None = None) -> list[Source]:
    """Load and validate every entry of one or more registry files (a directory means all its *.yaml)."""
    variables = dict(variables) if variables is not None else mirror_variables()
    sources: list[Source] = []
    seen: dict[str, str] = {}
    for path in _registry_files(paths):
        for source in _load_file(path, variables):
            if source.id in seen:
                raise RegistryError(path, source.id, "id", f"duplicate id, first defined in {seen[source.id]}")
            seen[source.id] = str(path)
            sources.append(source)
    return sources


def _registry_files(paths: Path | str | Iterable[Path | str] | None) -> list[Path]:
    if paths is None:
        paths = [MIRROR_REGISTRY]
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return files


def _load_file(path: Path, variables: Mapping[str, str]) -> list[Source]:
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as error:
        raise RegistryError(path, None, None, f"cannot read: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise RegistryError(path, None, None, f"not UTF-8: byte 0x{error.object[error.start]:02x} "
                                              f"at offset {error.start}") from error
    except yaml.YAMLError as error:
        raise RegistryError(path, None, None, f"not valid YAML: {error}") from error
    if not isinstance(document, dict) or not isinstance(document.get("sources"), list):
        raise RegistryError(path, None, "sources", "the file must hold a mapping with a list 'sources'")
    return [_parse_entry(path, index, entry, variables) for index, entry in enumerate(document["sources"])]


def _parse_entry(path: Path, index: int, entry: Any, variables: Mapping[str, str]) -> Source:
    label = f"#{index + 1}"
    if not isinstance(entry, dict):
        raise RegistryError(path, label, None, "an entry must be a mapping")
    if isinstance(entry.get("id"), str):
        label = entry["id"]
    reader = _EntryReader(path, label, entry, variables)
    source_id = reader.text("id", required=True)
    if not _ID_PATTERN.match(source_id):
        raise RegistryError(path, label, "id", "use lowercase letters, digits and '-' only")
    known = {*Source.__dataclass_fields__, "links", "listings"} - {
        "article_links", "pagination_links", "deny_links"}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise RegistryError(path, label, unknown[0], "unknown field")
    enabled = reader.boolean("enabled", default=True)
    links = reader.mapping("links", _LINK_KEYS)
    selectors = reader.selectors()
    listings = tuple(reader.listings())
    sitemaps = tuple(reader.urls("sitemaps"))
    feeds = tuple(reader.urls("feeds"))
    return Source(
        id=source_id,
        name=reader.text("name", required=True),
        province=reader.text("province"),
        province_2025=reader.text("province_2025"),
        homepage=reader.url("homepage", required=True),
        date_order=reader.choice("date_order", _DATE_ORDERS, default="dmy"),
        enabled=enabled,
        kind=reader.choice("kind", _KINDS, default="department"),
        region=reader.text("region"),
        platform=reader.text("platform"),
        listings=listings,
        sitemaps=sitemaps,
        feeds=feeds,
        article_links=reader.patterns(links, "article"),
        pagination_links=reader.patterns(links, "pagination"),
        deny_links=reader.patterns(links, "deny"),
        selectors=selectors,
        max_pages=reader.positive_int("max_pages", default=50),
        verify_tls=reader.boolean("verify_tls", default=True),
        notes=reader.text("notes"),
        verified=reader.choice("verified", _VERIFIED, default="guessed") if "verified" in entry else None,
        declared=tuple(sorted(entry)),
    )


@dataclass
class _EntryReader:
    """Reads one entry's fields, raising a RegistryError that names the field on any mistake."""

    path: Path
    label: str
    entry: dict[str, Any]
    variables: Mapping[str, str]

    def fail(self, field_name: str, message: str) -> RegistryError:
        return RegistryError(self.path, self.label, field_name, message)

    def text(self, name: str, required: bool = False) -> str | None:
        value = self.entry.get(name)
        if value is None or value == "":
            if required:
                raise self.fail(name, "is required")
            return None
        if not isinstance(value, str):
            raise self.fail(name, f"must be text, not {type(value).__name__}")
        return value.strip()

    def boolean(self, name: str, default: bool) -> bool:
        value = self.entry.get(name, default)
        if not isinstance(value, bool):
            raise self.fail(name, "must be true or false")
        return value

    def positive_int(self, name: str, default: int) -> int:
        value = self.entry.get(name, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.fail(name, "must be a whole number of at least 1")
        return value

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.entry.get(name, default)
        if value not in choices:
            raise self.fail(name, f"must be one of {', '.join(choices)}, not {value!r}")
        return value

    def expand(self, name: str, value: str) -> str:
        def substitute(match: re.Match[str]) -> str:
            if match.group(1) not in self.variables:
                raise self.fail(name, f"unknown variable ${{{match.group(1)}}}")
            return self.variables[match.group(1)]

        return _VARIABLE.sub(substitute, value)

    def checked_url(self, name: str, value: Any) -> str:
        if not isinstance(value, str):
            raise self.fail(name, "must be a URL")
        url = self.expand(name, value.strip())
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise self.fail(name, f"not an http(s) URL: {value!r}")
        try:
            parsed.port  # noqa: B018 (urllib checks the port only when asked for it)
        except ValueError as error:
            raise self.fail(name, f"bad port in {value!r}: {error}") from error
        return url

    def url(self, name: str, required: bool = False) -> str:
        value = self.entry.get(name)
        if value is None and required:
            raise self.fail(name, "is required")
        return self.checked_url(name, value)

    def urls(self, name: str) -> list[str]:
        values = self.entry.get(name) or []
        if not isinstance(values, list):
            raise self.fail(name, "must be a list of URLs")
        return [self.checked_url(name, value) for value in values]

    def listings(self) -> list[Listing]:
        values = self.entry.get("listings") or []
        if not isinstance(values, list):
            raise self.fail("listings", "must be a list")
        listings = []
        for value in values:
            if isinstance(value, str):
                value = {"url": value}
            if not isinstance(value, dict) or "url" not in value:
                raise self.fail("listings", "each listing needs a url")
            category = value.get("category")
            if category is not None and not isinstance(category, str):
                raise self.fail("listings", "a listing's category must be text")
            listings.append(Listing(self.checked_url("listings", value["url"]), category))
        return listings

    def mapping(self, name: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        value = self.entry.get(name) or {}
        if not isinstance(value, dict):
            raise self.fail(name, "must be a mapping")
        unknown = sorted(set(value) - set(allowed))
        if unknown:
            raise self.fail(f"{name}.{unknown[0]}", f"unknown key; use {', '.join(allowed)}")
        for key, item in value.items():
            items = item if isinstance(item, list) else [item]
            if not all(isinstance(one, str) and one for one in items):
                raise self.fail(f"{name}.{key}", "must be text or a list of text")
        return value

    def selectors(self) -> dict[str, Any]:
        """CSS selectors, compiled now: a typo would otherwise turn every article of the site into a
        parse error at crawl time."""
        selectors = self.mapping("selectors", _SELECTOR_KEYS)
        for key, value in selectors.items():
            for selector in value if isinstance(value, list) else [value]:
                try:
                    CSSSelector(selector)  # as nlp.page applies it
                except SelectorError as error:
                    raise self.fail(f"selectors.{key}", f"bad CSS selector {selector!r}: "
                                                        f"{str(error).splitlines()[0]}") from error
        return selectors

    def patterns(self, links: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = links.get(key) or []
        patterns = tuple(value if isinstance(value, list) else [value])
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise self.fail(f"links.{key}", f"bad regular expression {pattern!r}: {error}") from error
        return patterns
