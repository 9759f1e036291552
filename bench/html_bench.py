"""How big and how quick the HTML explorer is at 100,000 events (targets: <= 5 MB, first render <= 3 s).

    .venv/bin/python bench/html_bench.py                 # 100,000 events, 5 runs
    .venv/bin/python bench/html_bench.py --events 20000 --runs 3 --keep out/bench.html

The graph is synthetic but shaped like arms-trade data: ~250 actors (every country in
extract/lexicons/countries.tsv and ten non-state groups), a few dozen exporters with heavy-tailed volumes, about
2.5 events per article, a unique evidence sentence per event, and one event in seven merged from several reports.
"First render" is the time from navigation until vis-network has drawn the graph and the page's script is done,
read from performance.now() in headless Debian chromium, the page opened from file:// with the network blocked; a
fresh browser context per run.
"""
from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from geokg.export.html import write_html
from geokg.graph import Actor, Category, EventGraph, Evidence, Status, TransferEvent, Weapon

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "extract" / "lexicons"
VERBS = {Status.DELIVERED: "delivered", Status.PLANNED: "will send", Status.REQUESTED: "asked for",
         Status.OFFERED: "offered", Status.DENIED: "denied sending", Status.CANCELLED: "halted the sale of"}
MENTIONS = {Category.AIRCRAFT: "fighter jets", Category.UAV: "attack drones", Category.MISSILES: "cruise missiles",
            Category.AIR_DEFENCE: "air-defence systems", Category.ARTILLERY: "howitzers",
            Category.AMMUNITION: "artillery shells", Category.ARMOURED_VEHICLES: "armoured personnel carriers",
            Category.SMALL_ARMS: "assault rifles", Category.SHIPS: "patrol boats", Category.SENSORS: "radars",
            Category.TECHNOLOGY: "missile technology", Category.MILITARY_EQUIPMENT: "weapons",
            Category.NON_MILITARY: "food aid"}


def _actors() -> list[Actor]:
    with open(LEXICONS / "countries.tsv", encoding="utf-8") as f:
        states = [Actor(id=r["iso3"], name=r["name"], kind="state", wikidata=r["wikidata"] or None)
                  for r in csv.DictReader(f, delimiter="\t")]
    with open(LEXICONS / "actors.tsv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
                if r["kind"] == "non_state"]
    groups = [Actor(id=r["id"], name=r["name"], kind="non_state") for r in rows[:10]]
    return states + groups


def synthetic_graph(n_events: int = 100_000, seed: int = 1) -> EventGraph:
    rng = random.Random(seed)
    actors = _actors()
    rng.shuffle(actors)
    states = [a for a in actors if a.kind.value == "state"]
    exporters = states[:45]
    sender_w = [1 / (rank + 1) ** 1.2 for rank in range(len(exporters))]
    recipient_w = [1 / (rank + 1) ** 0.7 for rank in range(len(actors))]
    categories, statuses = list(Category), list(Status)
    status_w = [50, 25, 8, 8, 5, 4]

    def evidence(article: int, sentence: str, published: str) -> Evidence:
        return Evidence(article_id=f"synthetic-{article:06d}", sentence=sentence, start=0, end=len(sentence),
                        title=f"Arms trade report {article}: deliveries and deals", language="en",
                        url=f"https://news.example.org/{published[:4]}/{published[5:7]}/report-{article}",
                        published=published)

    events, article = [], 0
    while len(events) < n_events:
        article += 1
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
            sender = rng.choices(exporters, sender_w)[0]
            recipient = rng.choices(actors, recipient_w)[0]
            if recipient.id == sender.id:
                continue
            category, status = rng.choice(categories), rng.choices(statuses, status_w)[0]
            year, month, day = rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28)
            precision = rng.choice(("day", "month", "month", "year"))
            date = {"day": f"{year}-{month:02d}-{day:02d}", "month": f"{year}-{month:02d}",
                    "year": f"{year}"}[precision]
            published = f"{year}-{month:02d}-{day:02d}"
            n = len(events)
            sentence = (f"{sender.name} {VERBS[status]} {MENTIONS[category]} to {recipient.name} in {date}, "
                        f"officials said on condition of anonymity (item {n}).")
            extra = [evidence(rng.randint(1, n_events // 2), f"Reports confirm that {sender.name} "
                              f"{VERBS[status]} {MENTIONS[category]} to {recipient.name} (report {n}-{k}).", published)
                     for k in range(rng.choice((1, 1, 2, 3)))] if rng.random() < 1 / 7 else []
            events.append(TransferEvent(
                id=f"ev-{n:08d}", sender=sender, recipient=recipient,
                weapon=Weapon(category=category, mention=MENTIONS[category]), status=status, date=date,
                date_precision=precision, date_source="explicit", date_text=date,
                confidence=round(rng.uniform(0.5, 0.95), 2), evidence=evidence(article, sentence, published),
                extractor="bench", sources=extra))
            if len(events) == n_events:
                break
    return EventGraph(events)


def first_render(path: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds to the first drawing, to re-filter after unticking a category, and to draw every pair (not only
    the busiest the page opens on); one fresh browser context per run."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium is not installed: apt-get install chromium (or run `make test`, which installs it)")
    renders, filters, everything = [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                          else route.abort())
            page = context.new_page()
            errors = []
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.goto(path.as_uri())
            # Polled from here: wait_for_function would evaluate with eval, which the page's CSP refuses.
            deadline = time.monotonic() + 120
            while not page.evaluate("!!(window.geokg && window.geokg.state.firstDrawn && window.geokg.state.ready)"):
                if time.monotonic() > deadline:
                    sys.exit(f"the page did not draw within 120 s; errors: {errors}")
                page.wait_for_timeout(20)
            if errors:
                sys.exit(f"the page failed: {errors}")
            # Drawn with its edges, and its script done (filters, tooltips and search wired up).
            state = page.evaluate("window.geokg.state")
            renders.append(max(state["firstDrawn"], state["ready"]) / 1000)
            filters.append(page.evaluate("""() => {
                const box = document.querySelector('input[name=category]');
                box.checked = false;
                const t = performance.now(); window.geokg.applyFilters(); return (performance.now() - t) / 1000; }"""))
            everything.append(page.evaluate("""() => new Promise((done) => {
                document.getElementById('min-events').value = 1;
                const t = performance.now(); window.geokg.applyFilters();
                window.geokg.network.once('afterDrawing', () => done((performance.now() - t) / 1000));
                window.geokg.network.redraw(); })"""))
            context.close()
        browser.close()
    return renders, filters, everything


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="also keep the page here")
    args = parser.parse_args()

    t = time.perf_counter()
    graph = synthetic_graph(args.events)
    built = time.perf_counter() - t
    pairs = len({(u, v) for u, v in graph.nx.edges()})
    print(f"graph: {graph.number_of_events():,} events, {graph.number_of_actors()} actors, {pairs:,} pairs "
          f"(built in {built:.1f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.html"
        t = time.perf_counter()
        write_html(graph, path)
        written = time.perf_counter() - t
        size = path.stat().st_size
        print(f"page: {size / 1e6:.2f} MB (target <= 5 MB), written in {written:.1f} s")
        renders, filters, everything = first_render(path, args.runs)
        if args.keep:
            args.keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, args.keep)
    print(f"first render: median {statistics.median(renders):.2f} s (target <= 3 s); "
          f"runs {', '.join(f'{r:.2f}' for r in renders)}")
    print(f"re-filter after unticking a category: median {statistics.median(filters):.3f} s")
    print(f"show all {pairs:,} pairs (filter and draw): median {statistics.median(everything):.2f} s")


if __name__ == "__main__":
    main()
