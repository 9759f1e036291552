"""Mask boilerplate ("Baca Juga: <headline>", "Read also: <headline>") without moving any offset.

Masked characters become spaces and the run starts with a newline, so that sentence splitting breaks there and
evidence offsets still point into the original text.

>>> from geokg.extract.lexicon import load_lexicon
>>> text = 'Ia pergi. Baca Juga: Kim Siap Bertemu Putin "Kami siap," katanya.'
>>> masked = mask_boilerplate(text, load_lexicon("id"))
>>> len(masked) == len(text), masked.split()
(True, ['Ia', 'pergi.', '"Kami', 'siap,"', 'katanya.'])
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicon

_TOKEN = re.compile(r"\S+")
_QUOTES = "\"'“”‘’«»"


def _headline_end(text: str, start: int, lexicon: Lexicon) -> int:
    """Where a Title Case headline that begins at `start` ends.

    A line with no sentence end and no quote is all headline, whatever its case ("Read also: Colombia weighs
    Gripen offers"). Otherwise a headline runs over capitalised words, digits and the language's small headline
    words. It stops at a line break, an opening quote, or a sentence end; when it stops at an ordinary lowercase
    word, the capitalised word before it opened the next sentence and is given back.
    """
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    rest = text[start:line_end].rstrip()
    if rest and not re.search(r"[.!?][\"'”’]?(\s|$)|[\"“]", rest):
        return start + len(text[start:line_end]) - len(text[start:line_end].lstrip()) + len(rest.strip())
    end = start
    previous_start = None
    for token in _TOKEN.finditer(text, start, line_end):
        word = token.group()
        if word[0] in _QUOTES:
            return end
        bare = word.strip(_QUOTES + ",:;()-–—")
        if not bare or bare[0].isupper() or bare[0].isdigit() or bare.lower() in lexicon.headline_words:
            previous_start, end = token.start(), token.end()
            if word.endswith((".", "!", "?")) and word.lower() not in lexicon.abbreviations:
                return end
            continue
        # A lowercase word: the last capitalised word began the sentence that follows the headline.
        return previous_start if previous_start is not None and previous_start > start else end
    return line_end if end == start else end


@lru_cache(maxsize=None)
def _openers(lexicon: Lexicon) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(re.escape(opener)) for opener in lexicon.boilerplate)


def boilerplate_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of every boilerplate run: the opener and the headline that follows it."""
    spans = []
    for opener in _openers(lexicon):
        for match in opener.finditer(text):
            spans.append((match.start(), _headline_end(text, match.end(), lexicon)))
    return sorted(spans)


_DATELINE = re.compile(r"\A\s*(?P<head>[^\n]{2,60}?)\s+[-–—]{1,2}\s+(?P<city>[A-Z][A-Z .'’-]{2,30}\.\s)?")
_DATELINE_MARK = re.compile(r"\b[A-Z]{3,}\b|\(|\.com\b|\.co\.id\b")


def dateline_span(text: str) -> tuple[int, int] | None:
    """"KYIV, Oct 13 (Reuters) - ", "KONTAN.CO.ID - WASHINGTON. ": place, date and outlet before the story.

    Its date is the report's, not the transfer's, and its place is no actor, so it is masked like boilerplate.
    """
    match = _DATELINE.match(text)
    if match is None or not (_DATELINE_MARK.search(match.group("head")) or match.group("city")):
        return None
    return (match.start("head"), match.end())


def mask_boilerplate(text: str, lexicon: Lexicon) -> str:
    """The text with boilerplate runs (and a leading dateline) blanked out, same length as the input."""
    spans = boilerplate_spans(text, lexicon)
    if (dateline := dateline_span(text)) is not None:
        spans.append(dateline)
    if not spans:
        return text
    # Only the stretch from the first run to the end of the last one changes.
    lo = min(start for start, _ in spans)
    hi = max(max(end, start + 1) for start, end in spans)
    chars = list(text[lo:hi])
    for start, end in spans:
        start, end = start - lo, end - lo
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
        # Two line breaks: always a sentence boundary, even where a single one would read as a continuation.
        chars[start] = "\n"
        if end - start > 1:
            chars[start + 1] = "\n"
    return text[:lo] + "".join(chars) + text[hi:]
