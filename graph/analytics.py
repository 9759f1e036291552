"""What researchers ask of an event graph, as small functions over an `EventGraph`.

Most take the filters of `EventGraph.transfers` (`category=`, `status=`, `since=`, `until=`, `min_confidence=`)
as keyword arguments, so "Russia's suppliers of drones since 2022" is `suppliers(g, "RUS", category="uav",
since="2022")`. Counts are events (merged transfers), not articles. The examples use `example_graph()`:

>>> from geokg.graph.examples import example_graph
>>> g = example_graph()
>>> suppliers(g, "wagner-group")
[('PRK', 2), ('RUS', 1)]
"""
from __future__ import annotations

import networkx as nx

from .eventgraph import EventGraph, Transfers


def suppliers(graph: EventGraph, actor: str, **filters) -> list[tuple[str, int]]:
    """Who sent `actor` anything, with how many events, most first.

    >>> from geokg.graph.examples import example_graph
    >>> suppliers(example_graph(), "RUS")
    [('IRN', 1), ('PRK', 1)]
    """
    return graph.transfers(recipient=actor, **filters).count_by("sender").most_common()


def recipients(graph: EventGraph, actor: str, **filters) -> list[tuple[str, int]]:
    """Whom `actor` sent anything, with how many events, most first.

    >>> from geokg.graph.examples import example_graph
    >>> recipients(example_graph(), "PRK", status="delivered")
    [('wagner-group', 2)]
    """
    return graph.transfers(sender=actor, **filters).count_by("recipient").most_common()


def top_suppliers(graph: EventGraph, n: int = 10, **filters) -> list[tuple[str, int]]:
    """The `n` actors that sent the most, for a category and period if given.

    >>> from geokg.graph.examples import example_graph
    >>> top_suppliers(example_graph(), category="artillery", since="2022", until="2022")
    [('PRK', 1), ('USA', 1)]
    """
    return graph.transfers(**filters).count_by("sender").most_common(n)


def top_recipients(graph: EventGraph, n: int = 10, **filters) -> list[tuple[str, int]]:
    """The `n` actors that received the most, for a category and period if given.

    >>> from geokg.graph.examples import example_graph
    >>> top_recipients(example_graph(), n=1)
    [('wagner-group', 3)]
    """
    return graph.transfers(**filters).count_by("recipient").most_common(n)


def timeline(graph: EventGraph, actor: str, **filters) -> Transfers:
    """Every event `actor` sent or received, by date.

    >>> from geokg.graph.examples import example_graph
    >>> [(e.date, e.sender.id, e.recipient.id) for e in timeline(example_graph(), "RUS")]
    [('2022-09', 'IRN', 'RUS'), ('2023', 'RUS', 'wagner-group'), ('2023-03', 'PRK', 'RUS')]
    """
    return graph.transfers(sender=actor, **filters) | graph.transfers(recipient=actor, **filters)


def actor_graph(graph: EventGraph, **filters) -> nx.DiGraph:
    """The actors and who sent whom anything: one edge per pair, its `events` the number of events.

    >>> from geokg.graph.examples import example_graph
    >>> actor_graph(example_graph())["PRK"]["wagner-group"]
    {'events': 2}
    """
    pairs = nx.DiGraph()
    pairs.add_nodes_from(a.id for a in graph.actors())
    pairs.add_edges_from((s, r, {"events": n}) for (s, r), n in graph.transfers(**filters).count_by("pair").items())
    return pairs


def supply_chains(graph: EventGraph, source: str, target: str, hops: int = 3, limit: int | None = None,
                  **filters) -> list[list[str]]:
    """Paths of transfers from `source` to `target` of at most `hops` steps: fewest steps first, then the
    strongest weakest link (events on the thinnest step), then by actor id. `limit` keeps the first so many.

    The number of paths grows fast with `hops` in a dense graph; 3 or 4 is usually what a question needs.

    >>> from geokg.graph.examples import example_graph
    >>> supply_chains(example_graph(), "IRN", "wagner-group")
    [['IRN', 'RUS', 'wagner-group']]
    """
    pairs = actor_graph(graph, **filters)
    if source not in pairs or target not in pairs or source == target:
        return []

    def rank(path: list[str]) -> tuple:
        weakest = min(pairs[u][v]["events"] for u, v in zip(path, path[1:]))
        return (len(path), -weakest, path)

    return sorted(_simple_paths(pairs, source, target, hops), key=rank)[:limit]


def _simple_paths(pairs: nx.DiGraph, source: str, target: str, hops: int) -> list[list[str]]:
    """Every simple path from `source` to `target` of at most `hops` steps. Like networkx's all_simple_paths, but
    it only walks through actors that can still reach `target` in the steps left, and takes the last step by one
    lookup: in a dense graph of 250 actors that is the difference between seconds and milliseconds."""
    steps_to_target = nx.single_source_shortest_path_length(pairs.reverse(copy=False), target, cutoff=hops)
    found: list[list[str]] = []

    def extend(path: list[str], steps_left: int) -> None:
        node = path[-1]
        if pairs.has_edge(node, target):
            found.append([*path, target])
        if steps_left == 1:
            return
        for step in pairs.successors(node):
            if step != target and step not in path and steps_to_target.get(step, hops + 1) < steps_left:
                extend([*path, step], steps_left - 1)

    if source in steps_to_target:
        extend([source], hops)
    return found


def degree_centrality(graph: EventGraph, **filters) -> dict[str, float]:
    """Each actor's share of the other actors it traded with (in either direction), as networkx computes it on
    `actor_graph`.

    >>> from geokg.graph.examples import example_graph
    >>> round(degree_centrality(example_graph())["RUS"], 2)
    0.6
    """
    return nx.degree_centrality(actor_graph(graph, **filters))


def betweenness_centrality(graph: EventGraph, **filters) -> dict[str, float]:
    """How often each actor lies on the shortest supply paths between others (networkx, on `actor_graph`):
    the go-betweens of a network.

    >>> from geokg.graph.examples import example_graph
    >>> max(betweenness_centrality(example_graph()).items(), key=lambda kv: kv[1])[0]
    'RUS'
    """
    return nx.betweenness_centrality(actor_graph(graph, **filters))


def as_of(graph: EventGraph, date: str) -> EventGraph:
    """The graph of the events dated up to `date` (YYYY, YYYY-MM or YYYY-MM-DD; an event counts from the first
    day its date covers). Undated events are left out.

    >>> from geokg.graph.examples import example_graph
    >>> as_of(example_graph(), "2022-10").number_of_events()
    1
    """
    return graph.filtered(until=date)


def yearly_summary(graph: EventGraph, **filters) -> list[dict]:
    """One row per year: events, distinct senders, recipients and pairs, and the most frequent category
    (undated events under year None, last).

    >>> from geokg.graph.examples import example_graph
    >>> yearly_summary(example_graph())[0]
    {'year': 2022, 'events': 4, 'senders': 3, 'recipients': 3, 'pairs': 3, 'top_category': 'artillery'}
    """
    rows = []
    for year, found in graph.transfers(**filters).by_year().items():
        rows.append({"year": year, "events": len(found), "senders": len(found.count_by("sender")),
                     "recipients": len(found.count_by("recipient")), "pairs": len(found.count_by("pair")),
                     "top_category": found.count_by("category").most_common(1)[0][0]})
    return rows
