"""Date expressions in a sentence, resolved against the publication date at their own precision.

Month and weekday names come from CLDR (babel) through the lexicon, relative phrases from `dates.tsv`.

>>> from datetime import date
>>> from geokg.extract.lexicon import load_lexicon
>>> from geokg.extract.mentions import find_mentions
>>> text = "pada November 2022, hari Senin (12/6) dan bulan lalu"
>>> lex = load_lexicon("id")
>>> [(d.value, d.precision) for d in find_dates(text, find_mentions(text, lex), lex, date(2023, 6, 13))]
[('2022-11', 'month'), ('2023-06-12', 'day'), ('2023-05', 'month')]
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .lexicon import MONTH, RELDATE, WEEKDAY, Lexicon
from .mentions import Mention

_YEAR_AFTER = re.compile(r"^,?\s+(\d{4})\b")
_PAREN_DAY_MONTH = re.compile(r"^,?\s*\(?(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\)?")
_NUMERIC = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
# \b(1[89]\d{2}|20\d{2})\b, written to begin with a character class (the regex engine then skips ahead to the
# next 1 or 2): the lookbehind is the \b before the first digit.
YEAR = re.compile(r"([12](?<!\w[12])(?:(?<=1)[89]|(?<=2)0)\d{2})\b")
_WORD_BEFORE = re.compile(r"(\w+)\s+$")
_NUMERIC_HINT = re.compile(r"[-/.](?<=\d[-/.])(?=\d)")  # in every _NUMERIC match, and quick to look for
_NUMBER_AFTER = re.compile(r"^,?\s*\(?\s*\d")
_DIGIT = re.compile(r"\d")
DATE_KINDS = frozenset((MONTH, WEEKDAY, RELDATE))  # mention kinds that may name a date


@lru_cache(maxsize=None)
def _day_patterns(lexicon: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    """"12 June", "12th of June", "June 12, 2023": day numbers around a month name, with the language's
    ordinal suffixes and linking words ("th", "of") from its language.toml."""
    suffix = "|".join(map(re.escape, sorted(lexicon.ordinal_suffixes, key=len, reverse=True))) or "(?!)"
    link = "|".join(map(re.escape, lexicon.day_links)) or "(?!)"
    before = re.compile(rf"(\d{{1,2}})(?:{suffix})?\s+(?:(?:{link})\s+)?$", re.IGNORECASE)
    after = re.compile(rf"^\s+(\d{{1,2}})(?:{suffix})?\b(?:,?\s+(\d{{4}})\b)?", re.IGNORECASE)
    return before, after


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    precision: str  # day | month | year


def _fmt(year: int, month: int | None = None, day: int | None = None) -> tuple[str, str]:
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _latest_year(month: int, day: int | None, base: date) -> int:
    """News reports the past: a date with no year is the latest one not after the publication date."""
    if (month, day or 1) <= (base.month, base.day):
        return base.year
    return base.year - 1


def _shift_months(base: date, months: int) -> tuple[int, int]:
    index = base.year * 12 + base.month - 1 + months
    return index // 12, index % 12 + 1


def _resolve_relative(unit: str, offset: int, base: date) -> tuple[int, int | None, int | None]:
    if unit in ("day", "same"):  # "same": the base is the date the article named last
        d = base + timedelta(days=offset)
        return d.year, d.month, d.day
    if unit == "week":
        d = base + timedelta(weeks=offset)
        return d.year, d.month, d.day
    if unit == "month":
        year, month = _shift_months(base, offset)
        return year, month, None
    return base.year + offset, None, None


def _as_date(mention: DateMention) -> date:
    """A date of any precision as a day, for "the same month" to take its month from."""
    parts = [int(p) for p in mention.value.split("-")]
    return date(parts[0], *(parts[1:] + [1, 1])[:2])


def find_dates(text: str, mentions: list[Mention], lexicon: Lexicon, published: date | None,
               start: int = 0, end: int | None = None, anchor: DateMention | None = None) -> list[DateMention]:
    """Resolved dates in text[start:end]; expressions that need a reference date are skipped without one.

    `anchor` is the last date the article named before, for "the same month", "pada bulan yang sama"."""
    end = len(text) if end is None else end
    named = [m for m in mentions if m.kind in DATE_KINDS and start <= m.start and m.end <= end]
    digit = _DIGIT.search(text, start, end)
    if not named and digit is None:
        return []  # every date is a date word or has a digit: most sentences have neither
    # Numeric dates and years are digits: none starts before the first digit, and with no digit there are none
    # (lookbehinds and \b still see the text before it).
    digits_from = end if digit is None else digit.start()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, year: int, month: int | None = None, day: int | None = None) -> None:
        if month is not None and day is not None and not _valid_day(year, month, day):
            return
        if any(s < te and ts < e for ts, te in taken):
            return
        value, precision = _fmt(year, month, day)
        found.append(DateMention(s, e, text[s:e], value, precision))
        taken.append((s, e))

    hint = _NUMERIC_HINT.search(text, digits_from, end)
    # A numeric date begins at most four characters before its first separator, and that separator is a hint.
    numeric = _NUMERIC.finditer(text, max(start, hint.start() - 4), end) if hint is not None else ()
    for m in numeric:
        if m.group(1):
            add(m.start(), m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3)))
        else:
            a, b, year = int(m.group(4)), int(m.group(5)), int(m.group(6))
            day, month = (a, b) if lexicon.date_order == "DMY" else (b, a)
            add(m.start(), m.end(), year, month, day)

    for m in named:
        if m.kind == MONTH:
            month = m.payload[0]
            s, e = m.start, m.end
            day = year = None
            day_before, day_year_after = _day_patterns(lexicon)
            if before := day_before.search(text, start, s):
                day, s = int(before.group(1)), before.start()
            if after := day_year_after.match(text[e:end]):
                if day is None:
                    day = int(after.group(1))
                    year = int(after.group(2)) if after.group(2) else None
                    e += after.end()
            if year is None and (after := _YEAR_AFTER.match(text[e:end])):
                year, e = int(after.group(1)), e + after.end()
            if year is None and published is not None:
                # "Juni tahun lalu", "June last year", "Maret tahun ini": a year named by a relative phrase.
                year_phrase = next((n for n in mentions if n.kind == RELDATE and n.payload[0] == "year"
                                    and e <= n.start <= e + 2 and n.end <= end), None)
                if year_phrase is not None:
                    year, e = published.year + year_phrase.payload[1], year_phrase.end
            if year is None:
                if published is None:
                    continue
                year = _latest_year(month, day, published)
            add(s, e, year, month, day)
        elif m.kind == WEEKDAY:
            paren = _PAREN_DAY_MONTH.match(text[m.end:end])
            if paren:
                a, b = int(paren.group(1)), int(paren.group(2))
                day, month = (a, b) if lexicon.date_order == "DMY" else (b, a)
                if paren.group(3):
                    year = int(paren.group(3))
                    year += 2000 if year < 100 else 0
                elif published is not None:
                    year = _latest_year(month, day, published)
                else:
                    continue
                add(m.start, m.end + paren.end(), year, month, day)
            elif _NUMBER_AFTER.match(text[m.end:end]) or any(
                    n.kind == MONTH and m.end < n.start <= m.end + 4 for n in mentions):
                continue  # "Monday (June 12)", "Monday, 12 June": the date after the name says it all
            elif published is not None:
                # "on Monday": the latest such day on or before the publication date ("said on Tuesday" in a
                # Tuesday report is that day; a week earlier would be "last Tuesday").
                back = (published.weekday() - m.payload[0]) % 7
                d = published - timedelta(days=back)
                e = m.end
                week = next((n for n in mentions if n.kind == RELDATE and n.payload[:2] == ("week", -1)
                             and m.end < n.start <= m.end + 2 and n.end <= end), None)
                if week is not None:
                    # "Kamis pekan lalu", "Thursday last week": that day in the week before the report's.
                    d = published - timedelta(days=published.weekday() + 7 - m.payload[0])
                    e = week.end
                add(m.start, e, d.year, d.month, d.day)
        elif m.kind == RELDATE:
            unit, offset, precision = m.payload
            base = published if unit != "same" else _as_date(anchor) if anchor is not None else None
            if base is None:
                continue
            year, month, day = _resolve_relative(unit, offset, base)
            if precision == "year":
                month = day = None
            elif precision == "month":
                day = None
            add(m.start, m.end, year, month, day)

    for m in YEAR.finditer(text, digits_from, end):
        word = _WORD_BEFORE.search(text, max(start, m.start() - 20), m.start())
        if word and word.group(1).lower() in lexicon.date_prepositions:
            add(m.start(), m.end(), int(m.group(1)))
    return sorted(found, key=lambda d: d.start)
