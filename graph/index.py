"""Columns and indexes over a graph's events, so a filtered query touches only the events it returns.

Each event is a row of small numbers: actor codes, category and status codes, its date, confidence and
corroboration. A query takes the narrowest posting list its filters allow (pair, sender, recipient, category,
status, or all events), cuts the date range out of it by binary search (every posting list is sorted by date),
and filters what is left with numpy. Posting lists are built on the first query after a change.

Dates are kept as numbers that sort like the strings: `2022` -> 20220000, `2022-11` -> 20221100,
`2022-11-15` -> 20221115; undated events sort last. Filters compare the first day a date covers, as
`EventGraph.transfers` documents.

>>> t = EventTable()
>>> t.append("ev-1", "PRK", "RUS", "missiles", "delivered", "2022-11", 0.9, 1)
0
>>> t.append("ev-2", "PRK", "RUS", "uav", "planned", "2021", 0.8, 1)
1
>>> t.select(sender="PRK", since="2022").tolist(), t.select(sender="PRK").tolist()
([0], [1, 0])
"""
from __future__ import annotations

import re
from array import array
from collections.abc import Iterable

import numpy as np

from .taxonomy import Category, Status

CATEGORIES = [c.value for c in Category]
STATUSES = [s.value for s in Status]
CATEGORY_CODE = {c: i for i, c in enumerate(CATEGORIES)}
STATUS_CODE = {s: i for i, s in enumerate(STATUSES)}
UNDATED = 99_999_999
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def date_key(date: str | None) -> int:
    """A partial ISO date as a number that sorts like the string.

    >>> date_key("2022"), date_key("2022-11"), date_key("2022-11-15"), date_key(None)
    (20220000, 20221100, 20221115, 99999999)
    """
    if date is None:
        return UNDATED
    return int(date[:4]) * 10000 + (int(date[5:7]) * 100 if len(date) > 4 else 0) + (
        int(date[8:10]) if len(date) > 7 else 0)


def key_date(key: int) -> str | None:
    """The inverse of `date_key`: 20221100 -> '2022-11'."""
    if key == UNDATED:
        return None
    year, month, day = key // 10000, key // 100 % 100, key % 100
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def first_day(key: int) -> int:
    """The first day a date key covers: 20221100 -> 20221101; undated stays undated."""
    if key == UNDATED:
        return UNDATED
    return key + (100 if key // 100 % 100 == 0 else 0) + (1 if key % 100 == 0 else 0)


def check_date(value: str) -> str:
    """`value` if it is YYYY, YYYY-MM or YYYY-MM-DD, else a ValueError that says how to write it."""
    if not _PARTIAL_DATE.match(value):
        raise ValueError(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022 or 2022-11)")
    return value


def date_range(since: str | None, until: str | None) -> tuple[int, int] | None:
    """The first-day bounds of `since`/`until` (inclusive), or None when neither is given.

    >>> date_range("2022", "2022-11")
    (20220101, 20221199)
    """
    if since is None and until is None:
        return None
    low = first_day(date_key(check_date(since))) if since else 0
    high = UNDATED - 1  # a date filter never keeps undated events
    if until:
        key = date_key(check_date(until))
        high = key + (99 if key % 100 == 0 else 0) + (9900 if key // 100 % 100 == 0 else 0)
    return low, high


class EventTable:
    """The rows of a graph's events and the indexes over them. Rows are never moved; a replaced row dies."""

    _COLUMNS = {"sender": "i", "recipient": "i", "category": "b", "status": "b", "date": "i", "confidence": "d",
                "corroboration": "i", "alive": "b"}

    def __init__(self) -> None:
        self.actor_ids: list[str] = []  # actor code -> id
        self.actor_code: dict[str, int] = {}
        self.ids: list[str] = []  # row -> event id
        self.row_of: dict[str, int] = {}  # event id -> its live row
        self._cols = {name: array(kind) for name, kind in self._COLUMNS.items()}
        self._np: dict[str, np.ndarray] | None = None  # the columns as numpy arrays, while nothing changes
        self._postings: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def code(self, actor_id: str) -> int:
        code = self.actor_code.get(actor_id)
        if code is None:
            code = self.actor_code[actor_id] = len(self.actor_ids)
            self.actor_ids.append(actor_id)
        return code

    def append(self, event_id: str, sender: str, recipient: str, category: str, status: str, date: str | None,
               confidence: float, corroboration: int) -> int:
        """Add one event as a row and return the row; an earlier row with the same id dies."""
        old = self.row_of.get(event_id)
        if old is not None:
            self._cols["alive"][old] = 0
        row = len(self.ids)
        self.ids.append(event_id)
        self.row_of[event_id] = row
        cols = self._cols
        cols["sender"].append(self.code(sender))
        cols["recipient"].append(self.code(recipient))
        cols["category"].append(CATEGORY_CODE[category])
        cols["status"].append(STATUS_CODE[status])
        cols["date"].append(date_key(date))
        cols["confidence"].append(confidence)
        cols["corroboration"].append(corroboration)
        cols["alive"].append(1)
        self._np = None
        return row

    def extend_columns(self, ids: list[str], columns: dict[str, Iterable]) -> None:
        """Add many rows at once (ids assumed new): `columns` maps each column name to codes or values."""
        for event_id in ids:
            self.row_of[event_id] = len(self.ids)
            self.ids.append(event_id)
        for name, kind in self._COLUMNS.items():
            values = np.asarray(columns[name] if name != "alive" else np.ones(len(ids)))
            self._cols[name].frombytes(values.astype(np.dtype(kind)).tobytes())
        self._np = None

    def pair_of(self, row: int) -> tuple[str, str]:
        """The sender and recipient ids of one row."""
        return self.actor_ids[self._cols["sender"][row]], self.actor_ids[self._cols["recipient"][row]]

    # -- reading -----------------------------------------------------------------------------------------------

    def column(self, name: str) -> np.ndarray:
        """A whole column as a numpy array (codes for actors, categories and statuses; `id` holds the ids)."""
        if self._np is None:
            self._np = {name: np.frombuffer(col, dtype=np.dtype(kind)).copy()
                        for (name, col), kind in zip(self._cols.items(), self._COLUMNS.values())}
            self._np["first_day"] = self._first_days(self._np["date"])
            # ids as an object array too: gathering a result's ids there is 2-3x faster than a Python loop
            self._np["id"] = np.array(self.ids, dtype=object)
            self._postings = {}
        return self._np[name]

    @staticmethod
    def _first_days(keys: np.ndarray) -> np.ndarray:
        days = keys + np.where(keys // 100 % 100 == 0, 100, 0) + np.where(keys % 100 == 0, 1, 0)
        return np.where(keys == UNDATED, UNDATED, days).astype(np.int32)

    def _posting(self, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """For one column: live rows ordered by (value, date, row), their values, their first days, and the
        distinct values with where each one's run starts."""
        alive = self.column("alive")
        if name not in self._postings:
            if name == "all":
                values = np.zeros(len(self), dtype=np.int64)
            elif name == "pair":
                values = self.column("sender").astype(np.int64) * (1 << 20) + self.column("recipient")
            else:
                values = self.column(name).astype(np.int64)
            live = np.flatnonzero(alive)
            order = live[np.lexsort((self.column("date")[live], values[live]))]  # stable: ties keep row order
            sorted_values = values[order]
            starts = np.flatnonzero(np.r_[True, sorted_values[1:] != sorted_values[:-1]]) if len(order) else \
                np.zeros(0, dtype=np.int64)
            self._postings[name] = (order, self.column("first_day")[order],
                                    sorted_values[starts], np.r_[starts, len(order)])
        return self._postings[name]

    def build(self) -> None:
        """Build every posting list now, rather than each on its first query."""
        for name in ("all", "sender", "recipient", "pair", "category", "status"):
            self._posting(name)

    def _run(self, name: str, value: int) -> tuple[np.ndarray, np.ndarray]:
        """The rows with `name == value`, sorted by date, and their first days."""
        order, days, distinct, bounds = self._posting(name)
        i = np.searchsorted(distinct, value)
        if i == len(distinct) or distinct[i] != value:
            return order[:0], days[:0]
        return order[bounds[i]:bounds[i + 1]], days[bounds[i]:bounds[i + 1]]

    def select(self, sender: str | None = None, recipient: str | None = None, category: str | None = None,
               status: str | None = None, since: str | None = None, until: str | None = None,
               min_confidence: float | None = None) -> np.ndarray:
        """The live rows matching every filter given, ordered by date (undated last), then by row."""
        bounds = date_range(since, until)
        codes = {}
        for name, value in (("sender", sender), ("recipient", recipient)):
            if value is not None:
                if value not in self.actor_code:
                    return np.zeros(0, dtype=np.int64)
                codes[name] = self.actor_code[value]
        if category is not None:
            codes["category"] = CATEGORY_CODE[Category(category).value]
        if status is not None:
            codes["status"] = STATUS_CODE[Status(status).value]
        # The narrowest posting list first: a pair, one actor, a category, a status, else every event.
        if "sender" in codes and "recipient" in codes:
            rows, days = self._run("pair", codes["sender"] * (1 << 20) + codes["recipient"])
            used = {"sender", "recipient"}
        else:
            name = next((n for n in ("sender", "recipient", "category", "status") if n in codes), "all")
            rows, days = self._run(name, codes.get(name, 0))
            used = {name}
        if bounds is not None:
            rows = rows[np.searchsorted(days, bounds[0], "left"):np.searchsorted(days, bounds[1], "right")]
        mask = None
        for name, code in codes.items():
            if name not in used:
                hit = self.column(name)[rows] == code
                mask = hit if mask is None else mask & hit
        if min_confidence is not None:
            hit = self.column("confidence")[rows] >= min_confidence
            mask = hit if mask is None else mask & hit
        return rows if mask is None else rows[mask]

    def live_rows(self) -> np.ndarray:
        """Every live row, in row order."""
        return np.flatnonzero(self.column("alive"))

    def ordered(self, rows: np.ndarray) -> np.ndarray:
        """`rows` sorted as queries sort them: by date (undated last), then by row."""
        rows = np.unique(rows)  # sorted by row, duplicates gone
        return rows[np.argsort(self.column("date")[rows], kind="stable")]
