"""Merge reports of one transfer: several articles telling the same thing become one event with all its sources.

Two reports are the same transfer when sender, recipient, weapon category and status are equal and their dates
agree at the coarser of the two precisions: `2022-11` agrees with `2022-11-15` and with `2022`, not with `2022-10`.
The rules, which the SQLite store applies too (`graph/store.py`), so a graph merged in memory and one read back from
a store hold the same events:

- A report joins the first event (in the order events were founded) of its bucket (sender, recipient, category,
  status, year) whose date agrees with it; otherwise it founds a new event, which keeps the report's id.
- The event's date is the most precise date among its reports (they all agree with it), with that report's
  `date_precision`, `date_source` and `date_text`; on equal precision the earlier report keeps it.
- The event's `evidence`, `mention`, `extractor` come from its most confident report (the earlier on ties);
  `confidence` is that highest confidence; `sources` holds every other report's evidence in arrival order, so
  `corroboration` counts the distinct articles. (Merging merged events again keeps their sources.)
- Undated reports only merge with undated reports.

>>> from geokg.graph.examples import example_event
>>> a = example_event("PRK", "RUS", "missiles", "delivered", "2022-11", article="a1", confidence=0.9)
>>> b = example_event("PRK", "RUS", "missiles", "delivered", "2022-11-15", article="a2", confidence=0.7)
>>> [merged] = merge_events([a, b])
>>> merged.id == a.id, merged.date, merged.confidence, merged.corroboration
(True, '2022-11-15', 0.9, 2)
"""
from __future__ import annotations

from collections.abc import Iterable

from .models import TransferEvent


def dates_agree(a: str | None, b: str | None) -> bool:
    """Whether two partial ISO dates are equal at the coarser one's precision (undated agrees only with undated).

    >>> dates_agree("2022-11", "2022-11-15"), dates_agree("2022", "2022-03"), dates_agree("2022-11", "2022-10")
    (True, True, False)
    """
    if a is None or b is None:
        return a is b
    return a.startswith(b) if len(a) >= len(b) else b.startswith(a)


def bucket(sender: str, recipient: str, category: str, status: str, date: str | None) -> tuple:
    """Where to look for reports of the same transfer: equal fields and the same year (0 when undated).

    >>> bucket("PRK", "RUS", "missiles", "delivered", "2022-11")
    ('PRK', 'RUS', 'missiles', 'delivered', 2022)
    """
    return (sender, recipient, category, status, int(date[:4]) if date else 0)


def event_bucket(event: TransferEvent) -> tuple:
    return bucket(event.sender.id, event.recipient.id, event.weapon.category.value, event.status.value, event.date)


class Bucket:
    """The events of one bucket, found by date without looking at each: `find(date)` is the first event (in
    founding order) whose date agrees with `date`.

    Events of a bucket never agree with each other (a report that agrees with one joins it, and refining a date
    keeps that true), so a day report agrees with at most one event, its day, month or year; a month report with
    the year's event or the events of that month; a year report with every event of the year.

    >>> b = Bucket()
    >>> b.add("2022-03-01", "e1", 1); b.add("2022-11-15", "e2", 2); b.add("2022-11-20", "e3", 3)
    >>> b.find("2022-11"), b.find("2022"), b.find("2022-11-15"), b.find("2022-12")
    ('e2', 'e1', 'e2', None)
    """

    __slots__ = ("events", "by_date", "by_month")

    def __init__(self) -> None:
        self.events: list = []  # in founding order
        self.by_date: dict[str | None, object] = {}
        self.by_month: dict[str, list[tuple[int, object]]] = {}  # month -> (order, event) of its days and itself

    def add(self, date: str | None, event: object, order: int) -> None:
        """Add an event founded after every other of the bucket (`order` grows with founding)."""
        self.events.append(event)
        self.by_date[date] = event
        if date is not None and len(date) >= 7:
            self.by_month.setdefault(date[:7], []).append((order, event))

    def find(self, date: str | None) -> object | None:
        if not self.events:
            return None
        if date is None or len(date) == 4:
            return self.events[0]
        found = self.by_date.get(date[:4])  # a year's event agrees with the whole year
        if found is None and len(date) == 10:
            found = self.by_date.get(date[:7], self.by_date.get(date))
        elif found is None:
            days = self.by_month.get(date)
            found = min(days, key=lambda pair: pair[0])[1] if days else None
        return found

    def refine(self, old: str | None, new: str, event: object, order: int) -> None:
        """Record that `event`'s date went from `old` to the finer `new`."""
        del self.by_date[old]
        self.by_date[new] = event
        if len(new) >= 7 and (old is None or len(old) == 4):
            self.by_month.setdefault(new[:7], []).append((order, event))


def more_precise(date: str | None, than: str | None) -> bool:
    """Whether `date` says more than `than` (both agreeing): a longer partial date is a finer one."""
    return date is not None and (than is None or len(date) > len(than))


def merge_events(events: Iterable[TransferEvent]) -> list[TransferEvent]:
    """Reports merged into events, in the order their first report came; the inputs are not changed.

    A report whose id is already merged (the same article read twice) is skipped.
    """
    groups: list[list[TransferEvent]] = []  # each event's reports, in arrival order
    dates: list[str | None] = []  # each event's date so far: its most precise report's
    buckets: dict[tuple, Bucket] = {}
    seen: set[str] = set()
    for report in events:
        if report.id in seen:
            continue
        seen.add(report.id)
        candidates = buckets.setdefault(event_bucket(report), Bucket())
        target = candidates.find(report.date)
        if target is None:
            candidates.add(report.date, len(groups), len(groups))
            groups.append([report])
            dates.append(report.date)
        else:
            groups[target].append(report)
            if more_precise(report.date, dates[target]):
                candidates.refine(dates[target], report.date, target, target)
                dates[target] = report.date
    return [combine(reports) for reports in groups]


def combine(reports: list[TransferEvent]) -> TransferEvent:
    """One event from agreeing reports of one transfer, in arrival order (see the module's rules)."""
    founder = reports[0]
    dated = founder
    best = founder
    for report in reports[1:]:
        if more_precise(report.date, dated.date):
            dated = report
        if report.confidence > best.confidence:
            best = report
    return founder.model_copy(deep=True, update=dict(
        date=dated.date, date_precision=dated.date_precision, date_source=dated.date_source,
        date_text=dated.date_text, confidence=best.confidence, weapon=best.weapon, extractor=best.extractor,
        evidence=best.evidence,
        sources=[e for r in reports for e in r.all_evidence if e is not best.evidence]))
