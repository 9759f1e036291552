"""The event graph as one self-contained, offline HTML page (vis-network through pyvis).

pyvis 0.3.2 is unmaintained and its own templates link CDNs and put tooltips into innerHTML, so this module is
the only place that touches it: pyvis assembles nodes, edges and options; the page template is ours, inlines
vis-network from pyvis's package files, and builds every tooltip with textContent so article text cannot run.

>>> from geokg.graph import EventGraph
>>> "vis.Network" in to_html(EventGraph())
True
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from pyvis.network import Network

from geokg.graph import ActorKind, Category, EventGraph, Status

from .atomic import atomic_write

# One colour per category, readable on white and distinct enough for a legend.
CATEGORY_COLOURS = {
    Category.AIRCRAFT: "#1f77b4", Category.UAV: "#17becf", Category.MISSILES: "#d62728",
    Category.AIR_DEFENCE: "#9467bd", Category.ARTILLERY: "#ff7f0e", Category.AMMUNITION: "#8c564b",
    Category.ARMOURED_VEHICLES: "#2ca02c", Category.SMALL_ARMS: "#bcbd22", Category.SHIPS: "#393b79",
    Category.SENSORS: "#e377c2", Category.TECHNOLOGY: "#637939", Category.MILITARY_EQUIPMENT: "#7f7f7f",
    Category.NON_MILITARY: "#aec7e8",
}
KIND_STYLE = {ActorKind.STATE: ("dot", "#4e79a7"), ActorKind.NON_STATE: ("diamond", "#e15759")}
_VIS_DIR = "lib/vis-9.1.2"


def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / _VIS_DIR
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # The source-map comment would make the browser ask for a file that is not there.
    return js.replace("//# sourceMappingURL=vis-network.min.js.map", ""), css


def _layout(graph: EventGraph) -> dict[str, tuple[float, float]]:
    """Positions computed here so the page opens settled; physics stays off until the reader turns it on."""
    undirected = nx.Graph(graph.nx.to_undirected(as_view=True))
    if undirected.number_of_nodes() == 0:
        return {}
    scale = 220 * math.sqrt(undirected.number_of_nodes())
    pos = nx.spring_layout(undirected, seed=7, scale=scale, k=1.5 / math.sqrt(undirected.number_of_nodes()))
    return {node: (float(x), float(y)) for node, (x, y) in pos.items()}


def _network(graph: EventGraph) -> Network:
    net = Network(directed=True, cdn_resources="in_line")
    volume = Counter()
    for u, v in graph.nx.edges():
        volume[u] += 1
        volume[v] += 1
    positions = _layout(graph)
    for actor in graph.actors():
        shape, colour = KIND_STYLE[actor.kind]
        x, y = positions.get(actor.id, (0.0, 0.0))
        net.add_node(actor.id, label=actor.name, shape=shape, color=colour, x=x, y=y,
                     size=10 + 6 * math.sqrt(volume[actor.id]), title=f"{actor.name} ({actor.id})")
    net.toggle_physics(False)
    return net


def _pairs(graph: EventGraph) -> list[dict]:
    """Events grouped per (sender, recipient): the page draws one edge per pair, never one per event."""
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for event in graph.events():
        ev = event.evidence
        grouped[(event.sender.id, event.recipient.id)].append({
            "category": event.weapon.category.value, "mention": event.weapon.mention,
            "status": event.status.value, "date": event.date or "", "confidence": event.confidence,
            "sentence": ev.sentence, "title": ev.title or ev.article_id, "url": ev.url or "",
            "article": ev.article_id})
    return [{"from": s, "to": r, "events": sorted(evs, key=lambda e: e["date"])}
            for (s, r), evs in sorted(grouped.items())]


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can close it or open markup."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def to_html(graph: EventGraph, title: str = "geokg: arms transfers") -> str:
    """The whole page as a string."""
    nodes, _, _, _, _, options = _network(graph).get_network_data()
    js, css = _vis_assets()
    articles = {e.evidence.article_id for e in graph.events()}
    data = {
        "nodes": nodes, "pairs": _pairs(graph), "options": json.loads(options),
        "colours": {c.value: colour for c, colour in CATEGORY_COLOURS.items()},
        "statuses": [s.value for s in Status],
        "counts": {"events": graph.number_of_events(), "actors": graph.number_of_actors(),
                   "articles": len(articles)},
    }
    env = Environment(loader=PackageLoader("geokg.export", "templates"), autoescape=select_autoescape(["html"]))
    return env.get_template("graph.html").render(title=title, vis_js=js, vis_css=css, data=_script_json(data))


def write_html(graph: EventGraph, path: str | Path, title: str = "geokg: arms transfers") -> Path:
    return atomic_write(path, to_html(graph, title))
