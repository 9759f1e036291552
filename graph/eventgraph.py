"""EventGraph: actors as nodes, one edge per event, over a `networkx.MultiDiGraph`.

>>> g = EventGraph()
>>> g.number_of_events()
0
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

import networkx as nx

from .models import Actor, TransferEvent
from .taxonomy import Category, Status


def _date_floor(value: str) -> str:
    """The first day a partial date covers: '2022-11' -> '2022-11-01'."""
    return value + "-01" * (2 - value.count("-"))


class EventGraph:
    """The events of a corpus as a directed multigraph, sender -> recipient, keyed by event id.

    Node attributes are the actor's fields; each edge carries the event under `"event"`.
    `g.nx` is the plain networkx graph for any algorithm networkx offers.
    """

    def __init__(self, events: Iterable[TransferEvent] = ()) -> None:
        self.nx = nx.MultiDiGraph()
        self.add_events(events)

    def add_events(self, events: Iterable[TransferEvent]) -> int:
        """Add events; an event whose id is already present replaces it. Returns how many were given."""
        n = 0
        for event in events:
            for actor in (event.sender, event.recipient):
                self._add_actor(actor)
            self.nx.add_edge(event.sender.id, event.recipient.id, key=event.id, event=event)
            n += 1
        return n

    def _add_actor(self, actor: Actor) -> None:
        if actor.id not in self.nx:
            self.nx.add_node(actor.id, **actor.model_dump(mode="json", exclude_none=True))

    def actor(self, actor_id: str) -> Actor:
        return Actor(**self.nx.nodes[actor_id])

    def actors(self) -> list[Actor]:
        return [Actor(**attrs) for _, attrs in self.nx.nodes(data=True)]

    def events(self) -> Iterator[TransferEvent]:
        for _, _, event in self.nx.edges(data="event"):
            yield event

    def number_of_events(self) -> int:
        return self.nx.number_of_edges()

    def number_of_actors(self) -> int:
        return self.nx.number_of_nodes()

    def transfers(
        self,
        sender: str | None = None,
        recipient: str | None = None,
        category: str | Category | None = None,
        status: str | Status | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float | None = None,
    ) -> list[TransferEvent]:
        """Events matching every filter given, ordered by date (undated last).

        `sender`/`recipient` are actor ids; `since`/`until` are partial ISO dates compared on the first day
        an event's date covers, so `since="2022"` keeps `2022-11` and `until="2022-11"` keeps `2022-11-30`.

        >>> EventGraph().transfers(sender="PRK", category="missiles")
        []
        """
        category = Category(category) if category is not None else None
        status = Status(status) if status is not None else None
        if sender is not None and recipient is not None:
            edges = self._edges_between(sender, recipient)
        elif sender is not None:
            edges = self.nx.out_edges(sender, data="event") if sender in self.nx else []
        elif recipient is not None:
            edges = self.nx.in_edges(recipient, data="event") if recipient in self.nx else []
        else:
            edges = self.nx.edges(data="event")
        since_floor = _date_floor(since) if since else None
        until_ceiling = until + "-99" * (2 - until.count("-")) if until else None
        found = []
        for _, _, event in edges:
            if category is not None and event.weapon.category is not category:
                continue
            if status is not None and event.status is not status:
                continue
            if min_confidence is not None and event.confidence < min_confidence:
                continue
            if since_floor or until_ceiling:
                if event.date is None:
                    continue
                day = _date_floor(event.date)
                if since_floor and day < since_floor or until_ceiling and day > until_ceiling:
                    continue
            found.append(event)
        return sorted(found, key=lambda e: (e.date is None, e.date or "", e.id))

    def _edges_between(self, sender: str, recipient: str):
        if not self.nx.has_edge(sender, recipient):
            return []
        return ((sender, recipient, data["event"]) for data in self.nx[sender][recipient].values())

    def top_pairs(self, n: int = 5) -> list[tuple[str, str, int]]:
        """The `n` sender -> recipient pairs with the most events."""
        counts = Counter((u, v) for u, v in self.nx.edges())
        return [(u, v, c) for (u, v), c in counts.most_common(n)]
