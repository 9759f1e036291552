"""The event graph as one self-contained, offline HTML page (vis-network through pyvis).

pyvis 0.3.2 is unmaintained and its own templates link CDNs and put tooltips into innerHTML, so this module is
the only place that touches it: pyvis assembles the actor nodes and ships vis-network; the page template and its
script are ours. The script builds every tooltip with textContent, so article text cannot run, and the page's
Content-Security-Policy admits only our two scripts, by hash, as a second guard.

What the page holds, so that 100,000 events stay one quick page of at most `max_bytes` (5 MB by default):

- one vis edge per (sender, recipient) pair, never one per event; widths and colours are recomputed in the
  browser as filters change;
- every event as three small integers (category, status, index into a sorted table of dates), packed as
  base-64 digits (5 bytes an event at 100,000 events), so that every filter and every tooltip line covers all
  events;
- the rest of an event (weapon mention, confidence, corroboration, evidence sentences, source titles and links)
  only while the page stays under `max_bytes`: each pair's strongest evidence first (most corroborated, then most
  confident, then newest), one rank at a time across all pairs, repeated text stored once in a string table.
  Events left without it still show their category, status and date, and the page says how many they are;
- actor positions computed here (ForceAtlas2 per connected group, overlaps pushed apart, groups packed in
  rows), so the page opens settled with physics off. A graph of more than 600 pairs opens on its busiest 600
  (the "at least N events" box in the page shows and changes the cut).

>>> from geokg.graph import EventGraph
>>> "vis.Network" in to_html(EventGraph())
True
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import networkx as nx
import numpy as np
from jinja2 import Environment, PackageLoader, select_autoescape
from pyvis.network import Network

from geokg.graph import ActorKind, Category, EventGraph, Status, TransferEvent

from .atomic import atomic_write

TITLE = "geokg: arms transfers"
MAX_BYTES = 5_000_000
MAX_SOURCES = 3  # reports listed per merged event; the rest are counted ("+2 more sources")
# ForceAtlas2 and the overlap pass hold n x n arrays; past this many actors a spiral by volume keeps it quick.
LAYOUT_MAX_ACTORS = 1500

# One colour per category, readable on white and distinct enough for a legend.
CATEGORY_COLOURS = {
    Category.AIRCRAFT: "#1f77b4", Category.UAV: "#17becf", Category.MISSILES: "#d62728",
    Category.AIR_DEFENCE: "#9467bd", Category.ARTILLERY: "#ff7f0e", Category.AMMUNITION: "#8c564b",
    Category.ARMOURED_VEHICLES: "#2ca02c", Category.SMALL_ARMS: "#bcbd22", Category.SHIPS: "#393b79",
    Category.SENSORS: "#e377c2", Category.TECHNOLOGY: "#637939", Category.MILITARY_EQUIPMENT: "#7f7f7f",
    Category.NON_MILITARY: "#aec7e8",
}
# Actors in neutral tones so they never read as a weapon category; shape tells the kind apart.
KIND_STYLE = {
    ActorKind.STATE: {"shape": "dot", "color": {"background": "#dde4ec", "border": "#3d4b5c"}},
    ActorKind.NON_STATE: {"shape": "diamond", "color": {"background": "#3d4b5c", "border": "#1b2430"}},
}
_VIS_DIR = "lib/vis-9.1.2"
# base64url: digits that neither JSON nor HTML ever escape.
_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / _VIS_DIR
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # The source-map comment would make the browser ask for a file that is not there.
    js = js.replace("//# sourceMappingURL=vis-network.min.js.map", "")
    # 200 of the stylesheet's 220 kB are data-URI icons for the editing toolbar, which the page does not use.
    css = re.sub(r"url\(\"?data:[^)]*\)", "none", css)
    return js, css


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can close it or open markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _size(value: object) -> int:
    """Bytes `value` adds to a JSON list in the page, its comma included."""
    return len(_script_json(value).encode("utf-8")) + 1


def _date_floor(value: str) -> str:
    """The first day a partial date covers ('2022-11' -> '2022-11-01'), as EventGraph.transfers compares."""
    return value + "-01" * (2 - value.count("-"))


def _sizes(volume: Counter) -> dict[str, tuple[float, int]]:
    """Each actor's radius and label size in pixels: area follows its event count, the busiest are read first."""
    top = max(volume.values(), default=0) or 1
    return {a: (round(8 + 30 * math.sqrt(n / top), 1), round(14 + 30 * math.sqrt(n / top))) for a, n in volume.items()}


def _separate(xy: np.ndarray, half_width: np.ndarray, half_height: np.ndarray, rounds: int = 100) -> np.ndarray:
    """Push apart actors whose boxes (the disc with its label under it) overlap, along the shorter way out."""
    gap = 12.0
    need_x = half_width[:, None] + half_width[None, :] + gap
    need_y = half_height[:, None] + half_height[None, :] + gap
    # Actors on the very same spot need a direction to part in; a fixed nudge keeps the page reproducible.
    xy = xy + np.random.default_rng(7).uniform(-0.5, 0.5, xy.shape)
    for _ in range(rounds):
        dx = xy[:, 0][:, None] - xy[:, 0][None, :]
        dy = xy[:, 1][:, None] - xy[:, 1][None, :]
        over_x, over_y = need_x - np.abs(dx), need_y - np.abs(dy)
        clash = (over_x > 0) & (over_y > 0)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        along_x = clash & (over_x <= over_y)
        along_y = clash & (over_x > over_y)
        xy[:, 0] += (np.sign(dx) * np.where(along_x, over_x, 0) / 2).sum(axis=1)
        xy[:, 1] += (np.sign(dy) * np.where(along_y, over_y, 0) / 2).sum(axis=1)
    return xy


def _component_layout(component: nx.Graph, box: dict[str, tuple[float, float]]) -> np.ndarray:
    """Pixel positions for one connected group of actors, centred on 0."""
    actors = list(component)
    if len(actors) == 1:
        return np.zeros((1, 2))
    if len(actors) == 2:
        half = max(box[actors[0]][0], box[actors[1]][0]) + 80
        return np.array([[-half, 0.0], [half, 0.0]])
    # ForceAtlas2, as in Gephi: the busiest actors settle in the middle of their group.
    pos = nx.forceatlas2_layout(component, seed=7, weight="weight", max_iter=200)
    xy = np.array([pos[a] for a in actors], dtype=float)
    # Scale so that an actor's nearest neighbour is typically 90 px away, then make room for big ones and labels.
    dist = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(dist, np.inf)
    xy *= 90 / max(float(np.median(dist.min(axis=1))), 1e-9)
    xy = _separate(xy, np.array([box[a][0] for a in actors]), np.array([box[a][1] for a in actors]))
    return xy - (xy.min(axis=0) + xy.max(axis=0)) / 2


def _ordered(graph: nx.Graph) -> nx.Graph:
    """A copy with nodes and edges in sorted order: a subgraph view iterates a set, which would make the
    layout (seeded by node order) differ from run to run."""
    copy = nx.Graph()
    copy.add_nodes_from(sorted(graph))
    copy.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in graph.edges(data=True)))
    return copy


def _layout(graph: nx.Graph, box: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Positions in pixels computed here, so the page opens settled; physics stays off until the reader asks.

    Each connected group is laid out on its own and the groups are packed in rows, biggest first, so that a
    corpus of unrelated stories does not scatter its actors over a huge, mostly empty canvas.
    """
    if len(graph) > LAYOUT_MAX_ACTORS:
        # Biggest actors in the middle, the rest spiralling out: cheap, and still readable for the hubs.
        ranked = sorted(graph, key=lambda a: (-box[a][1], a))
        return {a: (round(60 * math.sqrt(i) * math.cos(2.4 * i), 1), round(60 * math.sqrt(i) * math.sin(2.4 * i), 1))
                for i, a in enumerate(ranked)}
    groups = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    placed = [(group, _component_layout(_ordered(graph.subgraph(group)), box)) for group in groups]
    margin = 60
    sizes = [xy.max(axis=0) - xy.min(axis=0) + 2 * np.array([max(box[a][i] for a in g) for i in (0, 1)]) + margin
             for g, xy in placed]
    row_width = max(max((w for w, _ in sizes), default=0), math.sqrt(sum(w * h for w, h in sizes)) * 1.3)
    positions, x, y, row_height = {}, 0.0, 0.0, 0.0
    for (group, xy), (w, h) in zip(placed, sizes):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for a, (px, py) in zip(group, xy):
            positions[a] = (round(float(px + x + w / 2), 1), round(float(py + y + h / 2), 1))
        x, row_height = x + w, max(row_height, h)
    return positions


def _nodes(graph: EventGraph, volume: Counter, pair_counts: Counter) -> list[dict]:
    """vis nodes through pyvis: one per actor, sized by its events, shaped by its kind, labelled by its name."""
    sizes = _sizes(volume)  # every actor is in `volume`, with 0 if it has no events
    actors = sorted(graph.actors(), key=lambda a: a.id)
    # Half the box an actor takes on screen: its disc, or its label (about 0.55 em a character) if wider, and
    # the label's line under the disc. (The box is centred on the disc, so it errs on the roomy side above.)
    box = {a.id: (max(sizes[a.id][0], 0.55 * sizes[a.id][1] * len(a.name) / 2), sizes[a.id][0] + 1.3 * sizes[a.id][1])
           for a in actors}
    undirected = nx.Graph()
    undirected.add_nodes_from(a.id for a in actors)
    for (u, v), n in sorted(pair_counts.items()):
        if u == v:
            continue
        weight = math.log1p(n)  # a pair with 1,000 events should pull harder than one with 1, not 1,000 times
        if undirected.has_edge(u, v):
            undirected[u][v]["weight"] += weight
        else:
            undirected.add_edge(u, v, weight=weight)
    positions = _layout(undirected, box)
    net = Network(directed=True, cdn_resources="in_line")
    for actor in actors:
        style = KIND_STYLE.get(actor.kind, KIND_STYLE[ActorKind.STATE])
        x, y = positions[actor.id]
        radius, font = sizes[actor.id]
        net.add_node(actor.id, label=actor.name, x=x, y=y, size=radius, font={"size": font},
                     kind=actor.kind.value, events=volume[actor.id], **style)
    nodes, *_ = net.get_network_data()
    return nodes


def _rank(events: list[TransferEvent]) -> list[TransferEvent]:
    """Strongest evidence first: most corroborated, then most confident, then newest."""
    events = sorted(events, key=lambda e: e.id)
    events.sort(key=lambda e: e.date or "", reverse=True)
    events.sort(key=lambda e: (-e.corroboration, -e.confidence))
    return events


class _Details:
    """Event details in columns plus a string table, added while they fit in `budget` bytes."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.strings: dict[str, int] = {}
        self.columns = {"event": [], "mention": [], "confidence": [], "corroboration": [], "sources": []}

    def add(self, index: int, event: TransferEvent) -> bool:
        new_strings: dict[str, int] = {}

        def ref(text: str | None) -> int:
            if not text:
                return -1
            if text in self.strings:
                return self.strings[text]
            if text not in new_strings:
                new_strings[text] = len(self.strings) + len(new_strings)
            return new_strings[text]

        sources = [[ref(ev.sentence), ref(ev.title or ev.article_id), ref(ev.url)]
                   for ev in event.all_evidence[:MAX_SOURCES]]
        row = {"event": index, "mention": ref(event.weapon.mention), "confidence": round(event.confidence, 2),
               "corroboration": event.corroboration, "sources": sources}
        cost = sum(_size(v) for v in row.values()) + sum(_size(s) for s in new_strings)
        if cost > self.budget:
            return False
        self.budget -= cost
        self.strings.update(new_strings)
        for name, value in row.items():
            self.columns[name].append(value)
        return True

    def data(self) -> dict:
        return {"details": self.columns, "strings": list(self.strings)}


def _pack(values: list[int], width: int) -> str:
    """Small non-negative integers as `width` base-64 digits each: 100,000 events' dates in 300 kB, not 600 kB."""
    out = []
    for value in values:
        out.append("".join(_DIGITS[(value >> (6 * k)) & 63] for k in reversed(range(width))))
    return "".join(out)


def _width(n_values: int) -> int:
    """How many base-64 digits the numbers 0 .. n_values - 1 need."""
    width = 1
    while 64 ** width < n_values:
        width += 1
    return width


def _page_data(graph: EventGraph) -> tuple[dict, list[list[TransferEvent]], list[int]]:
    """Everything but the event details; the events of each pair in the order the page lists them; where each
    pair's events start in the page's event columns."""
    by_pair: dict[tuple[str, str], list[TransferEvent]] = defaultdict(list)
    volume: Counter = Counter({a.id: 0 for a in graph.actors()})
    articles, dated = set(), set()
    for event in graph.events():  # once: a graph opened from a store reads its events from disk
        by_pair[(event.sender.id, event.recipient.id)].append(event)
        if event.date:
            dated.add(event.date)
        volume[event.sender.id] += 1
        volume[event.recipient.id] += 1
        articles.update(ev.article_id for ev in event.all_evidence)
    nodes = _nodes(graph, volume, Counter({pair: len(evs) for pair, evs in by_pair.items()}))
    node_index = {n["id"]: i for i, n in enumerate(nodes)}

    # Heaviest pairs first: they get their details first when the page runs out of room.
    pairs = sorted(by_pair, key=lambda p: (-len(by_pair[p]), p))
    ranked = [_rank(by_pair[p]) for p in pairs]
    # Sorted by the first day each date covers, so a date range is a range of indexes; 0 is "undated".
    dates = ["", *sorted(dated, key=lambda d: (_date_floor(d), d))]
    date_index = {d: i for i, d in enumerate(dates)}
    categories, statuses = list(Category), list(Status)
    cat_index = {c: i for i, c in enumerate(categories)}
    status_index = {s: i for i, s in enumerate(statuses)}
    columns: dict[str, list[int]] = {"category": [], "status": [], "date": []}
    starts = []
    for events in ranked:
        starts.append(len(columns["date"]))
        for e in events:
            columns["category"].append(cat_index[e.weapon.category])
            columns["status"].append(status_index[e.status])
            columns["date"].append(date_index[e.date or ""])
    widths = {"category": _width(len(categories)), "status": _width(len(statuses)), "date": _width(len(dates))}
    data = {
        "counts": {"events": graph.number_of_events(), "actors": graph.number_of_actors(),
                   "articles": len(articles), "pairs": len(pairs)},
        "categories": [c.value for c in categories],
        "colours": [CATEGORY_COLOURS[c] for c in categories],
        "statuses": [s.value for s in statuses],
        "nodes": nodes,
        "pairs": {"from": [node_index[s] for s, _ in pairs], "to": [node_index[r] for _, r in pairs],
                  "start": starts},
        "dates": dates,
        "events": {name: _pack(values, widths[name]) for name, values in columns.items()},
        "widths": widths,
    }
    return data, ranked, starts


def _render(title: str, data: dict, app_js: str, vis_js: str, vis_css: str) -> str:
    # The page admits exactly these two scripts (by hash): even injected markup could not run a handler.
    hashes = " ".join("'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
                      for s in (vis_js, app_js))
    env = Environment(loader=PackageLoader("geokg.export", "templates"), autoescape=select_autoescape(["html"]))
    return env.get_template("graph.html").render(title=title, script_hashes=hashes, vis_js=vis_js, vis_css=vis_css,
                                                 app_js=app_js, data=_script_json(data))


@dataclass
class Page:
    """A rendered page and what went into it."""

    html: str
    events: int
    detailed: int  # events whose mention, confidence, sentences and sources are in the page

    @property
    def size(self) -> int:
        return len(self.html.encode("utf-8"))


def render_page(graph: EventGraph, title: str = TITLE, max_bytes: int = MAX_BYTES) -> Page:
    """The page, at most `max_bytes` long unless the graph without any details needs more."""
    vis_js, vis_css = _vis_assets()
    app_js = (resources.files("geokg.export") / "templates" / "graph.js").read_text(encoding="utf-8")
    data, ranked, starts = _page_data(graph)
    # Measure the page with no details, then spend what is left of max_bytes on them: each pair's strongest
    # event first, then each pair's second, and so on, until the next one does not fit.
    details = _Details(0)
    empty = {**data, **details.data(), "omitted": graph.number_of_events()}
    fixed = len(_render(title, empty, app_js, vis_js, vis_css).encode("utf-8"))
    details.budget = max(0, max_bytes - fixed)
    room = True
    for rank in range(max(map(len, ranked), default=0)):
        for p, events in enumerate(ranked):
            if rank >= len(events):
                break  # pairs come busiest first, so no later pair has an event at this rank either
            if not details.add(starts[p] + rank, events[rank]):
                room = False
                break
        if not room:
            break
    detailed = len(details.columns["event"])
    page = _render(title, {**data, **details.data(), "omitted": graph.number_of_events() - detailed},
                   app_js, vis_js, vis_css)
    return Page(page, graph.number_of_events(), detailed)


def to_html(graph: EventGraph, title: str = TITLE, max_bytes: int = MAX_BYTES) -> str:
    """The whole page as a string."""
    return render_page(graph, title, max_bytes).html


def write_html(graph: EventGraph, path: str | Path, title: str = TITLE, max_bytes: int = MAX_BYTES) -> Path:
    return atomic_write(path, to_html(graph, title, max_bytes))


def show(graph: EventGraph, height: int = 650, title: str = TITLE, max_bytes: int = MAX_BYTES):
    """The page inline in a Jupyter notebook: `show(graph)` as a cell's last line.

    The page goes into a sandboxed iframe (srcdoc), so its script and the article text in it never touch the
    notebook; links still open in a new tab.
    """
    # IPython comes with pyvis; imported here so that writing files never pays for importing it.
    from IPython.display import IFrame

    page = html.escape(to_html(graph, title, max_bytes), quote=True)
    # srcdoc wins over src; the notebook shows the page without a file or a server.
    return IFrame("about:blank", width="100%", height=int(height), extras=[
        f'srcdoc="{page}"', 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"',
        f'title="{html.escape(title, quote=True)}"', 'style="border: 1px solid #ddd"'])
