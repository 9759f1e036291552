"""Find every lexicon mention in a text in one Aho-Corasick pass.

>>> from geokg.extract.lexicon import load_lexicon
>>> [(m.kind, m.text) for m in find_mentions("Rusia membeli drone dari Iran.", load_lexicon("id"))]
[('actor', 'Rusia'), ('trigger', 'membeli'), ('weapon', 'drone'), ('marker', 'dari'), ('actor', 'Iran')]
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import partial
from operator import itemgetter
from typing import NamedTuple

from .lexicon import ACTOR, TRIGGER, WEAPON, Entry, Lexicon


class Mention(NamedTuple):
    """One lexicon match: a tuple, because an article has hundreds of them and a tuple is cheap to make."""

    kind: str
    start: int
    end: int
    text: str
    payload: tuple


def fold(text: str) -> str:
    """Lower-case without changing any offset (a few characters lengthen when lowered; they stay as they are)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_WORD_RUN = re.compile(r"\w*")  # a word character, \w, is exactly str.isalnum() or "_"
# A variant letter code run on to a designation: "Su-30SM2", "F-16V", "J-10CE", "K9A1".
_VARIANT = re.compile(r"[A-Z][A-Z0-9]{0,3}\b")
_BY_POSITION = itemgetter(1, 2)  # (start, end)
_new_mention = partial(tuple.__new__, Mention)  # Mention(*fields) without the Python-level __new__


def find_mentions(text: str, lexicon: Lexicon) -> list[Mention]:
    """Mentions ordered by position: for each kind, the leftmost-longest matches that do not overlap.

    Kinds are resolved separately, so a trigger may overlap a weapon term ("aid package" and "military aid").
    """
    # A match counts only as whole words: it may not start inside a word, nor end inside one unless its form
    # ends in '*' (then it runs to the end of the word). Word characters are str.isalnum() and "_". The tests
    # shared by every entry of a form are taken once per match: an article has a few hundred matches.
    folded = fold(text)
    size = len(text)
    candidates: dict[str, list[tuple[int, int, int, int, Entry]]] = {}
    seq = 0  # keeps equal (start, length) candidates in the order found, as a stable sort would
    for last, (length, plain, entries) in lexicon.automaton.iter(folded):
        start = last - length + 1
        if start:
            c = text[start - 1]
            if c.isalnum() or c == "_":
                c = text[start]
                if c.isalnum() or c == "_":
                    continue  # inside a word
        end = last + 1
        if end < size:
            c = text[end]
            split_word = c.isalnum() or c == "_"
            if split_word:
                c = text[last]
                split_word = c.isalnum() or c == "_"
        else:
            split_word = False
        if split_word and text[last].isdigit() and (variant := _VARIANT.match(text, end)) is not None:
            # Only a named system takes a variant code: the match runs to the end of the code.
            named = next((e for e in entries if e.kind == WEAPON and e.payload[2]), None)
            if named is not None:
                found = candidates.get(WEAPON)
                if found is None:
                    found = candidates[WEAPON] = []
                found.append((start, start - variant.end(), seq, variant.end(), named))
                seq += 1
        if plain:  # every entry of the form is one that needs no test of its own (lexicon._build_automaton)
            if not split_word:
                for kind, entry in plain:
                    found = candidates.get(kind)
                    if found is None:
                        found = candidates[kind] = []
                    found.append((start, -length, seq, end, entry))
                    seq += 1
            continue
        for entry in entries:
            kind = entry.kind
            if entry.exact_case and text[start:end] != entry.form:
                continue
            if kind == TRIGGER and ((start and text[start - 1] == "-") or text[end:end + 1] == "-"):
                continue  # "anti-ship", "follow-on": a trigger word inside a compound is not a transfer
            if kind == WEAPON and start and text[start - 1] == "-":
                continue  # "counter-drone", "kontra-artileri": what the thing works against, not what it is
            if entry.prefix:
                stop = _WORD_RUN.match(text, end).end()
            elif split_word:
                continue
            else:
                stop = end
            found = candidates.get(kind)
            if found is None:
                found = candidates[kind] = []
            found.append((start, start - stop, seq, stop, entry))
            seq += 1
    mentions: list[Mention] = []
    phrases: list[Mention] = []  # cues and triggers of several words, for _drop_inner_markers
    for kind, found in candidates.items():
        found.sort()  # by start, the longest first, then in the order found
        taken_until = -1
        may_hold = kind in ("cue", "trigger")
        for start, _, _, end, entry in found:
            if start >= taken_until:
                words = text[start:end]
                mention = _new_mention((kind, start, end, words, entry.payload))
                mentions.append(mention)
                if may_hold and " " in words:
                    phrases.append(mention)
                taken_until = end
    mentions.sort(key=_BY_POSITION)
    return _drop_inner_markers(mentions, phrases)


def _drop_inner_markers(mentions: list[Mention], phrases: list[Mention]) -> list[Mention]:
    """A marker inside a longer cue or trigger is part of it: the "to" of "according to" marks no recipient.

    `phrases` are the mentions' cues and triggers of several words."""
    if not phrases:
        return mentions
    # Mentions are sorted by start: the ones a phrase may hold start between its start and its end.
    starts = [m.start for m in mentions]
    inner = set()
    for p in phrases:
        for i in range(bisect_left(starts, p.start), bisect_left(starts, p.end)):
            m = mentions[i]
            if m.kind == "marker" and m.end <= p.end and (p.end - p.start) > (m.end - m.start):
                inner.add(i)
    if not inner:
        return mentions
    return [m for i, m in enumerate(mentions) if i not in inner]


_SHORT_FORM = re.compile(r"\s*\(([A-Z][A-Z0-9-]{1,7})\)")
_NAME_WORD = re.compile(r"[A-Z][a-z]{3,}")  # "Typhoon" in "Eurofighter Typhoon"; not "2" in "Leopard 2"


def _whole_word(word: str, suffix: str = "") -> str:
    """A pattern for `word` (then `suffix`) standing as a whole word, hyphens counting as word characters. It
    begins with the word itself, so that the regex engine can skip ahead to it; the lookbehind after it is the
    word boundary before it."""
    word = re.escape(word)
    return rf"{word}(?<![\w-]{word}){suffix}(?![\w-])"


def with_short_forms(text: str, mentions: list[Mention]) -> list[Mention]:
    """Short forms the article itself introduces, though no lexicon lists them:

    - an actor named with its short form in brackets, "Tentara Arakan (AA)", is that actor wherever the article
      uses the short form again (AA is anti-aircraft elsewhere);
    - a named system's last word stands for it once the article has named it whole: after "Eurofighter Typhoon",
      "Typhoons" are those jets (in another story they may be storms).

    >>> from geokg.extract.lexicon import load_lexicon
    >>> text = "Tentara Arakan (AA) merebut kota itu. China memasok senjata kepada AA."
    >>> [m.text for m in with_short_forms(text, find_mentions(text, load_lexicon("id"))) if m.kind == "actor"]
    ['Tentara Arakan', 'China', 'AA']
    """
    taken = {m.start for m in mentions}
    added = []
    for m in mentions:
        if m.kind == ACTOR and (short := _SHORT_FORM.match(text, m.end)) is not None:
            pattern, after = _whole_word(short.group(1)), short.end()
        elif m.kind == WEAPON and m.payload[2] and " " in m.text and _NAME_WORD.fullmatch(m.text.rsplit(" ", 1)[1]):
            pattern, after = _whole_word(m.text.rsplit(" ", 1)[1], "s?"), m.end
        else:
            continue
        for use in re.compile(pattern).finditer(text, after):
            if use.start() not in taken:
                added.append(Mention(m.kind, use.start(), use.end(), use.group(), m.payload))
                taken.add(use.start())
    return sorted(mentions + added, key=_BY_POSITION) if added else mentions
