"""Find every lexicon mention in a text in one Aho-Corasick pass.

>>> from geokg.extract.lexicon import load_lexicon
>>> [(m.kind, m.text) for m in find_mentions("Rusia membeli drone dari Iran.", load_lexicon("id"))]
[('actor', 'Rusia'), ('trigger', 'membeli'), ('weapon', 'drone'), ('marker', 'dari'), ('actor', 'Iran')]
"""
from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Entry, Lexicon


@dataclass(frozen=True)
class Mention:
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


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _accepts(entry: Entry, text: str, start: int, end: int) -> int | None:
    """Where the mention ends if the entry may match text[start:end] as whole words, else None."""
    if entry.exact_case and text[start:end] != entry.form:
        return None
    if entry.kind == "trigger" and ("-" in text[start - 1:start] or "-" in text[end:end + 1]):
        return None  # "anti-ship", "follow-on": a trigger word inside a compound is not a transfer
    if entry.kind == "weapon" and start > 0 and text[start - 1] == "-":
        return None  # "counter-drone", "kontra-artileri": what the thing works against, not what it is
    if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        return None
    if entry.prefix:
        while end < len(text) and _is_word_char(text[end]):
            end += 1
        return end
    if end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
        return None
    return end


def find_mentions(text: str, lexicon: Lexicon) -> list[Mention]:
    """Mentions ordered by position: for each kind, the leftmost-longest matches that do not overlap.

    Kinds are resolved separately, so a trigger may overlap a weapon term ("aid package" and "military aid").
    """
    folded = fold(text)
    candidates: dict[str, list[tuple[int, int, Entry]]] = {}
    for last, (form, entries) in lexicon.automaton.iter(folded):
        start = last - len(form) + 1
        for entry in entries:
            end = _accepts(entry, text, start, last + 1)
            if end is not None:
                candidates.setdefault(entry.kind, []).append((start, end, entry))
    mentions = []
    for kind, found in candidates.items():
        found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        taken_until = -1
        for start, end, entry in found:
            if start >= taken_until:
                mentions.append(Mention(kind, start, end, text[start:end], entry.payload))
                taken_until = end
    mentions.sort(key=lambda m: (m.start, m.end))
    return _drop_inner_markers(mentions)


def _drop_inner_markers(mentions: list[Mention]) -> list[Mention]:
    """A marker inside a longer cue or trigger is part of it: the "to" of "according to" marks no recipient."""
    phrases = [m for m in mentions if m.kind in ("cue", "trigger") and " " in m.text]
    return [m for m in mentions if m.kind != "marker" or not any(
        p.start <= m.start and m.end <= p.end and (p.end - p.start) > (m.end - m.start) for p in phrases)]
