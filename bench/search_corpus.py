"""A synthetic archive for bench/search.py with a realistic spread of vocabulary.

Text is generated, not recombined: a syllable bigram model trained on the seed texts and the real
news pages in ../shared/real-pages walks out a pool of new sentences, with people's names (family
names from the lexicon, given names drawn from the trained syllables), places and figures mixed in,
so word frequencies fall off as in news text and a common word matches a realistic share of the
archive while names and rare words match few articles.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from pathlib import Path

import lxml.html

from nlp.text import lexicon, normalize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "mirror" / "seeds"
REAL_PAGES = ROOT.parent / "shared" / "real-pages"
_SYLLABLE = re.compile(r"^[^\W\d_]+[.,;:]?$")
END = "</s>"


def training_text() -> list[str]:
    """Paragraphs of real Vietnamese news: the seeds and the bodies of the real pages."""
    paragraphs = [line for path in sorted(SEEDS.glob("*.txt"))
                  for line in normalize(path.read_text(encoding="utf-8")).split("\n") if line]
    for path in sorted(REAL_PAGES.glob("*.htm*")):
        tree = lxml.html.fromstring(path.read_bytes())
        paragraphs += [normalize(p.text_content()) for p in tree.iter("p") if len(p.text_content()) > 60]
    return paragraphs


class Model:
    """Syllable bigrams, with the sentence start as a state of its own."""

    def __init__(self, paragraphs: list[str]):
        follows: dict[str, Counter[str]] = defaultdict(Counter)
        for paragraph in paragraphs:
            for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
                words = [word for word in sentence.split() if _SYLLABLE.match(word)]
                if len(words) < 5:
                    continue
                for first, second in zip(["<s>", *words], [*words, END], strict=True):
                    follows[first][second] += 1
        self.choices = {word: (list(counter), list(counter.values())) for word, counter in follows.items()}
        self.syllables = [word.lower().strip(".,;:") for word in follows if word.isalpha() and len(word) > 1]

    def sentence(self, rng: random.Random, names: list[str], places: list[str]) -> str:
        words, word = [], "<s>"
        while len(words) < 40:
            options, weights = self.choices.get(word, self.choices["<s>"])
            word = rng.choices(options, weights)[0]
            if word == END:
                if len(words) >= 8:
                    break
                word = "<s>"
                continue
            words.append(word)
            roll = rng.random()
            if roll < 0.02:
                words.append(rng.choice(names))
            elif roll < 0.035:
                words.append(rng.choice(places))
            elif roll < 0.05:
                words.append(f"{rng.randint(1, 999)},{rng.randint(0, 99)}%")
        text = " ".join(words).rstrip(".,;:")
        return text[:1].upper() + text[1:] + "."


def people(rng: random.Random, model: Model, count: int) -> list[str]:
    """Names: a family name, a middle and a given name, capitalised syllables the model knows."""
    family = list(lexicon("surnames.txt"))
    middle = ["Văn", "Thị", "Minh", "Quang", "Hữu", "Đức", "Thanh", "Ngọc", "Hồng", "Xuân"]
    given = [syllable.capitalize() for syllable in model.syllables if len(syllable) > 2]
    return [f"{rng.choice(family)} {rng.choice(middle)} {rng.choice(given)}" for _ in range(count)]


def places() -> list[str]:
    return [str(entry["name"]) for entry in lexicon("provinces.yaml")["provinces_63"]]


def sentence_pool(size: int, seed: int = 20250701) -> list[str]:
    rng = random.Random(seed)
    model = Model(training_text())
    names, where = people(rng, model, 20_000), places()
    return [model.sentence(rng, names, where) for _ in range(size)]
