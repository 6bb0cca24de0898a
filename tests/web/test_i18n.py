"""Vietnamese first, English on request: the catalogue, the formats, the choice of language, and no English
left on the Vietnamese pages."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml
from datasette.app import Datasette

from nlp.provinces import PROVINCE_NAMES
from tests.conftest import CrawlResult
from tests.datasette_client import METADATA
from web import formats, i18n

# Words an English message may share with a Vietnamese page: names of formats, tools and acronyms.
NOT_ENGLISH_HERE = {"json", "csv", "bibtex", "ris", "datasette", "iip", "cpi", "grdp", "english", "usd", "vnd",
                    "kwh", "utc", "yyyy", "sct"}
URL_OR_ID = re.compile(r"^(https?://\S+|[\w.~-]+\.(?:aspx|html?|php)\S*|[a-z0-9]+(?:[-_][a-z0-9]+)+)$")


def fetch_all(db: Path, paths: list[str], lang: str | None = None,
              accept_language: str | None = None) -> dict[str, Any]:
    """GET each path from one in-process Datasette, as a browser with the language cookie or header would."""

    async def run() -> dict[str, Any]:
        datasette = Datasette([str(db)], metadata=yaml.safe_load(METADATA.read_text("utf-8")))
        cookies = {i18n.COOKIE: lang} if lang else {}
        headers = {"Accept-Language": accept_language} if accept_language else {}
        return {path: await datasette.client.get(path, cookies=cookies, headers=headers) for path in paths}

    return asyncio.run(run())


def visible_strings(html: str) -> list[str]:
    """What a reader sees: body text, placeholders, button labels and tooltips, without code and the
    language switch (it names English in English, on purpose)."""
    document = lxml.html.document_fromstring(html)
    for node in document.xpath("//script | //style | //code | //*[@id='sct-lang'] | //iframe"):
        node.drop_tree()
    strings = [text.strip() for text in document.xpath("//body//text() | //title//text()") if text.strip()]
    strings += [value.strip() for value in document.xpath("//body//@placeholder | //body//@title | "
                                                          "//input[@type='submit']/@value | //body//@aria-label")]
    return [string for string in strings if string]


def english_only_words() -> set[str]:
    def words(lang: str) -> set[str]:
        return {word.lower() for entry in i18n.catalogue().values()
                for word in re.findall(r"[A-Za-z]{3,}", re.sub(r"{\w+}", "", entry[lang]))}

    return words("en") - words("vi") - NOT_ENGLISH_HERE


def english_left(strings: list[str], forbidden: set[str]) -> list[str]:
    """Strings with a word only our English messages use. A string that is mostly Vietnamese words (a
    sentence of an article: "long nhãn") is the archive's data, where such a word is Vietnamese."""
    found = []
    for string in strings:
        if string in PROVINCE_NAMES:  # Long An, Vĩnh Long
            continue
        tokens = [token for token in string.split() if not URL_OR_ID.match(token.strip("().,;:"))]
        vietnamese = sum(1 for token in tokens if re.search(r"[^\x00-\x7f]", token))
        if vietnamese * 3 >= len(tokens) > 3:
            continue
        if any(word.lower() in forbidden for token in tokens for word in re.findall(r"[A-Za-z]{3,}", token)):
            found.append(string)
    return found


@pytest.fixture(scope="module")
def paths(crawled: CrawlResult, seed_ids: dict[str, set[str]]) -> list[str]:
    with sqlite3.connect(crawled.db) as conn:
        person = conn.execute("select id from people order by mentions desc limit 1").fetchone()[0]
        repost = conn.execute("select id from articles where repost_of is not null").fetchone()[0]
        with_figures = conn.execute("select article_id from figures group by article_id "
                                    "order by count(*) desc limit 1").fetchone()[0]
    [seed_003] = seed_ids["003"]
    province = urllib.parse.quote("Hải Phòng")
    return ["/", "/-/search?q=h%E1%BB%99i+ngh%E1%BB%8B", "/-/search?q=zzqqxxyy", "/-/search?q=%22%22",
            f"/-/article/{seed_003}", f"/-/article/{repost}", f"/-/article/{with_figures}", f"/-/person/{person}",
            f"/-/province/{province}", f"/-/province/{urllib.parse.quote('Hải Dương')}",
            f"/-/province/{province}?era=publication", "/-/provinces", "/-/site/haiduong-sct", "/-/sites",
            "/-/indicators", "/-/indicator/iip", "/-/indicator/exports", "/-/health", "/-/article/nope",
            "/-/province/Atlantis"]


def test_every_message_has_both_languages() -> None:
    catalogue = yaml.safe_load(i18n.CATALOGUE.read_text(encoding="utf-8"))
    assert len(catalogue) > 150
    for key, entry in catalogue.items():
        assert set(entry) == {"vi", "en"}, key
        assert all(isinstance(entry[lang], str) and entry[lang].strip() for lang in ("vi", "en")), key
        names = [set(re.findall(r"{(\w+)}", entry[lang])) for lang in ("vi", "en")]
        assert names[0] == names[1], (key, "placeholders differ")


def test_every_key_used_in_a_template_is_in_the_catalogue() -> None:
    used = set()
    for template in (Path(i18n.__file__).parent / "templates").glob("*.html"):
        used |= set(re.findall(r"\bt\('([a-z0-9_.]+)'", template.read_text(encoding="utf-8")))
    prefixes = {key for key in used if key.endswith(".")}  # t('kind.' ~ site.kind): a family of keys
    assert used and not used - prefixes - set(i18n.catalogue())
    assert all(any(key.startswith(prefix) for key in i18n.catalogue()) for prefix in prefixes)


@pytest.mark.parametrize(("value", "vi", "en"), [
    ("2024-07-05", "05/07/2024", "5 Jul 2024"), ("2024-06", "Tháng 6/2024", "Jun 2024"),
    ("2024-Q2", "Quý II/2024", "Q2 2024"), ("2024-H1", "6 tháng đầu năm 2024", "Jan–Jun 2024"),
    ("2024-H2", "6 tháng cuối năm 2024", "Jul–Dec 2024"),
    ("2024-01/2024-06", "6 tháng đầu năm 2024", "Jan–Jun 2024"),
    ("2024-01/2024-09", "9 tháng năm 2024", "Jan–Sep 2024"),
    ("2024-01/2024-05", "5 tháng đầu năm 2024", "Jan–May 2024"),
    ("2024-03/2024-05", "Tháng 3–5/2024", "Mar–May 2024"), ("2024", "Năm 2024", "2024"),
    ("2024-01/2024-12", "Năm 2024", "Jan–Dec 2024"), ("XXXX-06", "XXXX-06", "XXXX-06"),
])
def test_periods_as_readers_write_them(value: str, vi: str, en: str) -> None:
    assert formats.period(value, "vi") == vi
    assert formats.period(value, "en") == en


def test_days_moments_and_numbers() -> None:
    assert formats.day("2024-07-05T08:30:00+07:00") == "05/07/2024"
    assert formats.moment("2024-07-05T08:30:00+07:00") == "08:30 05/07/2024"
    assert formats.moment("2024-07-05T01:30:00+00:00", "en") == "5 Jul 2024 01:30 UTC"
    assert formats.moment("2024-07-05") == "05/07/2024"
    assert formats.day(None) == "" and formats.day("not a date") == "not a date"
    assert formats.number(55041000000) == "55.041.000.000" and formats.number(8.39) == "8,39"
    assert formats.number(1234.5, "en") == "1,234.5" and formats.number(None) == ""


@pytest.mark.parametrize(("cookie", "header", "chosen"), [
    (None, None, "vi"), (None, "en-US,en;q=0.9", "en"), (None, "vi-VN,vi;q=0.9,en;q=0.8", "vi"),
    (None, "fr,en;q=0.5,vi;q=0.4", "en"), (None, "en;q=0.2,vi", "vi"), (None, "de", "vi"),
    ("vi", "en-US", "vi"), ("en", "vi", "en"), ("xx", "en", "en"), (None, "en;q=0", "vi"),
])
def test_language_from_cookie_then_accept_language(cookie: str | None, header: str | None, chosen: str) -> None:
    assert i18n.choose_language(cookie, header) == chosen


def test_the_switch_remembers_the_choice_and_goes_back(crawled: CrawlResult) -> None:
    responses = fetch_all(crawled.db, ["/-/lang/en?next=/-/search%3Fq%3Dx", "/-/lang/vi?next=//evil.example/",
                                       "/-/lang/en?next=https://evil.example/"])
    switched = responses["/-/lang/en?next=/-/search%3Fq%3Dx"]
    assert switched.status_code == 302 and switched.headers["location"] == "/-/search?q=x"
    cookie = switched.headers["set-cookie"]
    assert f"{i18n.COOKIE}=en" in cookie and "Max-Age=31536000" in cookie
    assert responses["/-/lang/vi?next=//evil.example/"].headers["location"] == "/"
    assert responses["/-/lang/en?next=https://evil.example/"].headers["location"] == "/"


def test_no_english_left_on_the_vietnamese_pages(crawled: CrawlResult, paths: list[str]) -> None:
    forbidden = english_only_words()
    assert {"search", "province", "article", "figures"} <= forbidden
    leftovers = {}
    for path, response in fetch_all(crawled.db, paths).items():
        assert response.status_code in (200, 404), (path, response.status_code)
        assert '<html lang="vi">' in response.text, path
        strings = visible_strings(response.text)
        assert any(string.startswith(i18n.text("nav.search")) for string in strings), path
        if english_left(strings, forbidden):
            leftovers[path] = english_left(strings, forbidden)
    assert leftovers == {}


def test_the_same_pages_in_english(crawled: CrawlResult, paths: list[str]) -> None:
    by_cookie = fetch_all(crawled.db, paths, lang="en")
    by_header = fetch_all(crawled.db, paths[:3], accept_language="en-GB,en;q=0.9,vi;q=0.5")
    vietnamese_only = {entry["vi"] for entry in i18n.catalogue().values() if entry["vi"] != entry["en"]}
    for path, response in [*by_cookie.items(), *by_header.items()]:
        assert '<html lang="en">' in response.text, path
        strings = set(visible_strings(response.text))
        assert "Search" in strings, path
        assert not strings & vietnamese_only, (path, strings & vietnamese_only)


def test_json_and_figures_keep_their_data(get: Callable[[str], Any]) -> None:
    """Only the interface is translated: the archive's own words (a title, a unit) are shown as written."""
    data = get("/-/indicator/iip.json").json()
    assert data["indicator"] == "iip" and all(row["raw"] for row in data["rows"])
