"""Split text into sentences, keeping their character offsets.

A sentence ends at a line break (unless a long line of prose breaks mid-phrase), or at . ! ? (and a closing quote) followed by a space and a capital letter,
a digit or an opening quote, unless the word before is one of the language's abbreviations ("Mr.", "Jl.").

>>> split_sentences("Dr. Kim spoke. He left.", frozenset({"dr."}))
[(0, 14), (15, 23)]
"""
from __future__ import annotations

import re

# [.!?]+["'”’)]*(?=\s+["'“‘(]?[A-Z0-9À-ÖØ-Þ])|\n+, written to begin with one character class so that the regex
# engine can skip ahead to the next candidate character instead of trying the pattern at every position.
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9À-ÖØ-Þ])|(?<=\n)\n*)")
_INITIALS = re.compile(r"(?:[a-z]\.)+")


def _continues(text: str, line_break: int) -> bool:
    """Whether a single line break sits inside a sentence: the line before it is long prose that stops mid-phrase.

    Short or Title Case lines (section headings) end where they end.
    """
    line_start = text.rfind("\n", 0, line_break) + 1
    words = text[line_start:line_break].split()
    if len(words) < 8 or not (words[-1][-1].islower() or words[-1][-1] == ","):
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) < 0.5


def split_sentences(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, empty ones dropped."""
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        stop = match.group()
        if stop == "\n":
            if _continues(text, match.start()):
                continue
        elif stop[0] != "\n":
            # The word the stop ends: the non-space run before the match's end (not reaching before `start`).
            word = text[start:match.end()].rsplit(None, 1)[-1].lower()
            if word in abbreviations or _INITIALS.fullmatch(word):
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    span = text[start:end]
    stripped = span.strip()  # str.strip() strips what str.isspace() calls space
    if not stripped:
        return None
    start += len(span) - len(span.lstrip())
    return (start, start + len(stripped))
