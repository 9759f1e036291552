"""Names near transfer triggers that no lexicon knows: what to add to the lexicons next.

In every sentence that has a trigger, capitalised runs ("Kongsberg", "Tentara Arakan") and designation-like
tokens ("TB3", "Fath-360") that no mention covers are counted across the corpus.

>>> from geokg.graph import Article
>>> found = unresolved_mentions([Article(id="a", text="Norway sent NASAMS and Zorgblaster-9 launchers to Kyiv.",
...                                      language="en")])
>>> [(c.text, c.kind) for c in found]
[('Zorgblaster-9', 'designation')]
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from geokg.graph import Article

from .clean import mask_boilerplate
from .language import detect_language
from .lexicon import TRIGGER, load_lexicon
from .mentions import find_mentions
from .sentences import split_sentences

_DESIGNATION = re.compile(r"\b[A-Z][A-Za-z]{0,11}[- ]?\d{1,4}[A-Za-z]{0,3}\b")
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


@dataclass(frozen=True)
class Unresolved:
    text: str
    kind: str  # name | designation
    count: int
    example: str  # "<article id>: <sentence>"


def unresolved_mentions(articles: Iterable[Article]) -> list[Unresolved]:
    """Candidates ranked by how often they stand in a sentence with a transfer trigger."""
    counts: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    for article in articles:
        code = article.language or detect_language(article.text)
        if code is None:
            continue
        lexicon = load_lexicon(code)
        text = mask_boilerplate(article.text, lexicon)
        mentions = find_mentions(text, lexicon)
        common = lexicon.stopwords | lexicon.headline_words | lexicon.skip_words
        for start, end in split_sentences(text, lexicon.abbreviations):
            inside = [m for m in mentions if start <= m.start and m.end <= end]
            if not any(m.kind == TRIGGER for m in inside):
                continue
            covered = [(m.start, m.end) for m in inside]

            def free(a: int, b: int) -> bool:
                return not any(a < e and s < b for s, e in covered)

            for pattern, kind in ((_DESIGNATION, "designation"), (_NAME, "name")):
                for match in pattern.finditer(text, start, end):
                    word = match.group()
                    if kind == "designation" and not any(c.isdigit() for c in word):
                        continue
                    if kind == "designation" and re.fullmatch(r"\d+|[A-Za-z]+\s?\d{4}", word):
                        continue  # numbers and "May 2023"
                    if not free(match.start(), match.end()) or word.lower() in common:
                        continue
                    if kind == "name" and match.start() == start and " " not in word:
                        continue  # a sentence's first word is capitalised whatever it is
                    key = (word, kind)
                    counts[key] += 1
                    examples.setdefault(key, f"{article.id}: {article.text[start:end][:200]}")
                    covered.append((match.start(), match.end()))
    return [Unresolved(text, kind, n, examples[(text, kind)]) for (text, kind), n in counts.most_common()]


def unresolved_tsv(found: list[Unresolved]) -> str:
    lines = ["count\tkind\ttext\texample"]
    lines += [f"{u.count}\t{u.kind}\t{u.text}\t{' '.join(u.example.split())}" for u in found]
    return "\n".join(lines) + "\n"
