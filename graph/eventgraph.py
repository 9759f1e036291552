"""EventGraph: actors as nodes, one edge per event, over a `networkx.MultiDiGraph`, with indexed queries.

An EventGraph holds its events either in memory (built from events) or on disk (opened from a store with
`geokg.open`, see `graph/store.py`): then only a few numbers per event stay in memory, and an event is read from the
store when a query result is looked at. Either way every query goes through indexes (`graph/index.py`).

>>> g = EventGraph()
>>> g.number_of_events()
0
>>> from geokg.graph.examples import example_graph
>>> g = example_graph()
>>> [(e.recipient.id, e.weapon.category.value) for e in g.transfers(sender="PRK", since="2022-11")]
[('wagner-group', 'missiles'), ('wagner-group', 'artillery'), ('RUS', 'artillery')]
"""
from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

import networkx as nx
import numpy as np

from .index import CATEGORIES, STATUSES, UNDATED, EventTable, key_date
from .models import Actor, TransferEvent
from .taxonomy import Category, Status

_CHUNK = 1000  # events read from a store per query


class EventSource(Protocol):
    """Where the events of a graph opened from disk are read: `fetch(keys)` maps each key to its event."""

    def fetch(self, keys: list[int]) -> dict[int, TransferEvent]: ...


class EventGraph:
    """The events of a corpus as a directed multigraph, sender -> recipient, keyed by event id.

    Node attributes are the actor's fields. Edge attributes are `category`, `status`, `date`, `confidence` and
    `corroboration`, plus the whole event under `"event"` when the graph holds its events in memory (a graph
    opened from a store reads them with `graph.event(key)` or through `transfers()`). `g.nx` is the plain
    networkx graph for any algorithm networkx offers; it is built the first time it is asked for. Change the graph
    through `add_events`, not through `g.nx`.
    """

    def __init__(self, events: Iterable[TransferEvent] = ()) -> None:
        self._table = EventTable()
        self._actors: dict[str, Actor] = {}
        self._held: dict[int, TransferEvent] = {}  # row -> event, for events held in memory
        self._keys = array("q")  # row -> the source's key of an event on disk, -1 for one held in memory
        self._source: EventSource | None = None
        self._nx: nx.MultiDiGraph | None = None
        self.add_events(events)

    @classmethod
    def from_table(cls, actors: Iterable[Actor], table: EventTable, source: EventSource | None,
                   keys: np.ndarray) -> EventGraph:
        """A graph whose events stay in `source`: row i of `table` is the event `source.fetch([keys[i]])`."""
        graph = cls()
        graph._table = table
        graph._actors = {a.id: a for a in actors}
        graph._source = source
        graph._keys = array("q", np.asarray(keys, dtype=np.int64).tobytes())
        return graph

    # -- building ----------------------------------------------------------------------------------------------

    def add_events(self, events: Iterable[TransferEvent]) -> int:
        """Add events; an event whose id is already present replaces it. Returns how many were given."""
        n = 0
        for event in events:
            for actor in (event.sender, event.recipient):
                self._actors.setdefault(actor.id, actor)
            old = self._table.row_of.get(event.id)
            row = self._table.append(event.id, event.sender.id, event.recipient.id, event.weapon.category.value,
                                     event.status.value, event.date, event.confidence, event.corroboration)
            self._keys.append(-1)
            self._held[row] = event
            if old is not None:
                self._held.pop(old, None)
            if self._nx is not None:
                self._add_edge(row, old)
            n += 1
        return n

    @property
    def nx(self) -> nx.MultiDiGraph:
        if self._nx is None:
            graph = nx.MultiDiGraph()
            for actor in self._actors.values():
                graph.add_node(actor.id, **actor.model_dump(mode="json", exclude_none=True))
            self._nx = graph
            graph.add_edges_from(self._edges(self._table.live_rows()))
        return self._nx

    def _edges(self, rows: np.ndarray) -> Iterator[tuple[str, str, str, dict]]:
        t = self._table
        ids, actor_ids = t.ids, t.actor_ids
        dates: dict[int, str | None] = {}  # one string per distinct date, shared by its edges
        columns = zip(rows.tolist(), t.column("sender")[rows].tolist(), t.column("recipient")[rows].tolist(),
                      t.column("category")[rows].tolist(), t.column("status")[rows].tolist(),
                      t.column("date")[rows].tolist(), t.column("confidence")[rows].tolist(),
                      t.column("corroboration")[rows].tolist())
        for row, s, r, c, st, d, conf, corr in columns:
            date = dates[d] if d in dates else dates.setdefault(d, key_date(d))
            attrs = {"category": CATEGORIES[c], "status": STATUSES[st], "date": date, "confidence": conf,
                     "corroboration": corr}
            if row in self._held:
                attrs["event"] = self._held[row]
            yield actor_ids[s], actor_ids[r], ids[row], attrs

    def _add_edge(self, row: int, old: int | None) -> None:
        """Keep a built `nx` in step with one added event (without touching the other rows)."""
        event = self._held[row]
        for actor in (event.sender, event.recipient):
            if actor.id not in self._nx:
                self._nx.add_node(actor.id, **actor.model_dump(mode="json", exclude_none=True))
        if old is not None:
            sender, recipient = self._table.pair_of(old)
            self._nx.remove_edge(sender, recipient, key=event.id)
        self._nx.add_edge(event.sender.id, event.recipient.id, key=event.id, category=event.weapon.category.value,
                          status=event.status.value, date=event.date, confidence=event.confidence,
                          corroboration=event.corroboration, event=event)

    # -- reading -----------------------------------------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor:
        return self._actors[actor_id]

    def actors(self) -> list[Actor]:
        return list(self._actors.values())

    def events(self) -> Iterator[TransferEvent]:
        """Every event, in the order they were added."""
        return iter(Transfers(self, self._table.live_rows()))

    def event(self, event_id: str) -> TransferEvent:
        """One event by its id."""
        row = self._table.row_of.get(event_id)
        if row is None:
            raise KeyError(f"no event {event_id!r} in this graph")
        return self._read([row])[0]

    def number_of_events(self) -> int:
        return len(self._table.row_of)

    def number_of_actors(self) -> int:
        return len(self._actors)

    def transfers(
        self,
        sender: str | None = None,
        recipient: str | None = None,
        category: str | Category | None = None,
        status: str | Status | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float | None = None,
    ) -> Transfers:
        """Events matching every filter given, ordered by date (undated last), then as they were added.

        `sender`/`recipient` are actor ids; `since`/`until` are partial ISO dates compared on the first day
        an event's date covers, so `since="2022"` keeps `2022-11` and `until="2022-11"` keeps `2022-11-30`.
        The result is a sequence that reads its events when they are looked at; `len()` costs nothing.

        >>> EventGraph().transfers(sender="PRK", category="missiles")
        []
        """
        rows = self._table.select(sender=sender, recipient=recipient,
                                  category=Category(category).value if category is not None else None,
                                  status=Status(status).value if status is not None else None,
                                  since=since, until=until, min_confidence=min_confidence)
        return Transfers(self, rows)

    def filtered(self, **filters) -> EventGraph:
        """A new graph of only the events `transfers(**filters)` returns, and the actors they involve.

        >>> from geokg.graph.examples import example_graph
        >>> example_graph().filtered(until="2022-11").number_of_events()
        3
        """
        rows = np.sort(self.transfers(**filters).rows)
        t = self._table
        table = EventTable()
        table.actor_ids, table.actor_code = list(t.actor_ids), dict(t.actor_code)
        table.extend_columns([t.ids[r] for r in rows.tolist()],
                             {name: t.column(name)[rows] for name in EventTable._COLUMNS if name != "alive"})
        involved = {t.actor_ids[c] for c in np.unique(np.r_[t.column("sender")[rows], t.column("recipient")[rows]])}
        graph = EventGraph.from_table([a for a in self._actors.values() if a.id in involved], table,
                                      self._source, np.frombuffer(self._keys, dtype=np.int64)[rows])
        graph._held = {new: self._held[old] for new, old in enumerate(rows.tolist()) if old in self._held}
        return graph

    def top_pairs(self, n: int = 5) -> list[tuple[str, str, int]]:
        """The `n` sender -> recipient pairs with the most events (ties: the pair seen first)."""
        t = self._table
        rows = t.live_rows()
        senders, recipients = t.column("sender")[rows], t.column("recipient")[rows]
        pairs = senders.astype(np.int64) * (1 << 20) + recipients
        distinct, first, counts = np.unique(pairs, return_index=True, return_counts=True)
        sender_first = {}
        for s in senders.tolist():  # like networkx, list a sender's pairs together, senders as they first came
            sender_first.setdefault(s, len(sender_first))
        rank = np.array([sender_first[p >> 20] for p in distinct.tolist()], dtype=np.int64)
        order = np.lexsort((first, rank, -counts))[:n]
        return [(t.actor_ids[int(distinct[i] >> 20)], t.actor_ids[int(distinct[i] & ((1 << 20) - 1))],
                 int(counts[i])) for i in order]

    def to_pandas(self):
        """Every event as one row of a pandas DataFrame (needs pandas: `pip install pandas`)."""
        return Transfers(self, self._table.live_rows()).to_pandas()

    def _read(self, rows: Sequence[int]) -> list[TransferEvent]:
        """The events of `rows`, from memory or from the source."""
        missing = [self._keys[r] for r in rows if r not in self._held]
        fetched = self._source.fetch(missing) if missing else {}
        return [self._held[r] if r in self._held else fetched[self._keys[r]] for r in rows]


class Transfers(Sequence):
    """The events a query found, ordered by date: a sequence that reads events when they are looked at.

    It compares equal to a list of the same events; `ids()`, `count_by()` and `to_pandas()` answer without
    reading the events, and `a | b` is the union of two results of one graph.

    >>> from geokg.graph.examples import example_graph
    >>> found = example_graph().transfers(category="artillery")
    >>> len(found), found.count_by("sender")
    (3, Counter({'PRK': 2, 'USA': 1}))
    """

    __hash__ = None  # equal to lists, so not hashable

    def __init__(self, graph: EventGraph, rows: np.ndarray) -> None:
        self.graph = graph
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Transfers(self.graph, self.rows[index])
        return self.graph._read([int(self.rows[index])])[0]

    def __iter__(self) -> Iterator[TransferEvent]:
        for start in range(0, len(self.rows), _CHUNK):
            yield from self.graph._read(self.rows[start:start + _CHUNK].tolist())

    def __eq__(self, other) -> bool:
        if isinstance(other, Transfers) and other.graph is self.graph:
            return bool(np.array_equal(self.rows, other.rows))
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    def __or__(self, other: Transfers) -> Transfers:
        if other.graph is not self.graph:
            raise ValueError("only results of the same graph can be joined")
        return Transfers(self.graph, self.graph._table.ordered(np.r_[self.rows, other.rows]))

    def __repr__(self) -> str:
        if len(self) <= 3:
            return repr(list(self))
        return f"<Transfers: {len(self)} events>"

    def ids(self) -> list[str]:
        """The event ids, in order."""
        return self.graph._table.column("id")[self.rows].tolist()

    def count_by(self, field: str) -> Counter:
        """How many events per `sender`, `recipient`, `pair` (sender, recipient), `category`, `status` or `year`.

        Undated events count under year None.
        """
        t = self.graph._table
        if field == "pair":
            codes = t.column("sender")[self.rows].astype(np.int64) * (1 << 20) + t.column("recipient")[self.rows]
            distinct, counts = np.unique(codes, return_counts=True)
            return Counter({(t.actor_ids[int(c >> 20)], t.actor_ids[int(c & ((1 << 20) - 1))]): int(n)
                            for c, n in zip(distinct, counts)})
        column, names = {
            "sender": ("sender", t.actor_ids), "recipient": ("recipient", t.actor_ids),
            "category": ("category", CATEGORIES), "status": ("status", STATUSES), "year": ("date", None),
        }.get(field, (None, None))
        if column is None:
            raise ValueError(f"cannot count by {field!r}; choose sender, recipient, pair, category, status or year")
        values = t.column(column)[self.rows]
        if field == "year":
            values = values // 10000
        distinct, counts = np.unique(values, return_counts=True)
        named = [(names[v] if names is not None else (v if v != UNDATED // 10000 else None), n)
                 for v, n in zip(distinct.tolist(), counts.tolist())]
        # most first, ties by name, so most_common() reads the same on every run
        return Counter(dict(sorted(named, key=lambda vn: (-vn[1], vn[0] is None, vn[0] or 0))))

    def by_year(self) -> dict[int | None, Transfers]:
        """The events grouped by the year of their date, years in order (undated under None, last)."""
        years = self.graph._table.column("date")[self.rows] // 10000
        return {None if year == UNDATED // 10000 else int(year): Transfers(self.graph, self.rows[years == year])
                for year in np.unique(years)}

    def to_pandas(self):
        """The events as a pandas DataFrame, one row each: id, sender, sender_name, recipient, recipient_name,
        category, status, date, confidence, corroboration. Needs pandas (`pip install pandas`)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("to_pandas() needs pandas: pip install pandas") from None
        t, rows = self.graph._table, self.rows
        actor_ids = np.array(t.actor_ids, dtype=object)
        actors = self.graph._actors
        names = np.array([actors[a].name if a in actors else a for a in t.actor_ids], dtype=object)
        keys, where = np.unique(t.column("date")[rows], return_inverse=True)
        senders, recipients = t.column("sender")[rows], t.column("recipient")[rows]
        return pd.DataFrame({
            "id": self.ids(),
            "sender": actor_ids[senders], "sender_name": names[senders],
            "recipient": actor_ids[recipients], "recipient_name": names[recipients],
            "category": pd.Categorical.from_codes(t.column("category")[rows], CATEGORIES),
            "status": pd.Categorical.from_codes(t.column("status")[rows], STATUSES),
            "date": np.array([key_date(k) for k in keys.tolist()], dtype=object)[where],
            "confidence": t.column("confidence")[rows],
            "corroboration": t.column("corroboration")[rows],
        })
