"""The store and query benchmark: ingest, load, filtered queries against a full scan, analytics, peak memory.

    .venv/bin/python bench/run.py                        # 1,000,000 reports, 3 runs (about 10 minutes)
    .venv/bin/python bench/run.py --reports 100000 --runs 2 --db /tmp/bench.db

Every phase runs in a fresh process, so its peak memory (ru_maxrss) is its own and no run warms the next:

1. ingest: synthetic reports (`bench/synthetic.py`) into a new SQLite file, `--batch` articles per transaction;
   the time counted is the time spent in `Store.ingest` (making the synthetic events is timed apart).
2. load: `geokg.open(db)`: the columns and indexes of every event; then building the networkx graph (`g.nx`).
3. queries: by sender, by pair, by category and a 5-year range, each with `--samples` parameter sets drawn from
   the events (so busy actors come up as often as they do in the data), and by a sender drawn from the senders
   (every actor alike: the typical question about a smaller actor). Each is timed three ways: the indexed query
   (`g.transfers(...)`), the same listing its event ids (`.ids()`), and a full scan of the networkx edges with
   the same filters, which lists the same ids in the same order (checked); the speed-up is the median over the
   scanned samples of scan / ids. Reading the first 100 events of a result from the store is timed too.
4. analytics: each function of `geokg.graph.analytics` on the loaded graph.

Figures are medians over `--runs` runs (phases 1, 2, 4) or over the samples (phase 3, with p95).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _remove(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


# -- phases, each run in its own process -------------------------------------------------------------------------

def phase_ingest(db: Path, reports: int, batch: int) -> dict:
    from synthetic import synthetic_batches

    from geokg.graph.store import IngestResult, Store

    _remove(db)
    total, in_store = IngestResult(), 0.0
    start = time.perf_counter()
    with Store(db) as store:
        for articles in synthetic_batches(reports, seed=0, batch_articles=batch):
            t = time.perf_counter()
            total.add(store.ingest(articles))
            in_store += time.perf_counter() - t
    wall = time.perf_counter() - start
    size = sum(Path(str(db) + s).stat().st_size for s in ("", "-wal") if Path(str(db) + s).exists())
    return {"store_s": in_store, "generate_s": wall - in_store, "articles": total.articles, "reports": total.reports,
            "events": total.events, "merged": total.merged, "db_mb": size / 2**20, "peak_mb": _peak_mb()}


def phase_load(db: Path) -> dict:
    import geokg

    start = time.perf_counter()
    graph = geokg.open(db)
    loaded = time.perf_counter() - start
    graph.nx
    return {"load_s": loaded, "nx_s": time.perf_counter() - start - loaded, "events": graph.number_of_events(),
            "actors": graph.number_of_actors(), "peak_mb": _peak_mb()}


def full_scan(graph, sender=None, recipient=None, category=None, since=None, until=None) -> list[str]:
    """The same question asked of every edge, as a graph without indexes would: ids ordered like transfers()."""
    since_floor = since + "-01" * (2 - since.count("-")) if since else None
    until_ceiling = until + "-99" * (2 - until.count("-")) if until else None
    found = []
    for u, v, key, data in graph.nx.edges(keys=True, data=True):
        if sender is not None and u != sender or recipient is not None and v != recipient:
            continue
        if category is not None and data["category"] != category:
            continue
        date = data["date"]
        if since_floor or until_ceiling:
            if date is None:
                continue
            day = date + "-01" * (2 - date.count("-"))
            if since_floor and day < since_floor or until_ceiling and day > until_ceiling:
                continue
        found.append((date is None, date or "", graph._table.row_of[key], key))
    return [key for *_, key in sorted(found)]


def _time(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def phase_queries(db: Path, samples: int) -> dict:
    import numpy as np

    import geokg
    from geokg.graph.index import CATEGORIES

    graph = geokg.open(db)
    graph.nx  # the full scan walks it
    rng = random.Random(7)
    table = graph._table
    rows = table.live_rows()
    picks = [int(rows[rng.randrange(len(rows))]) for _ in range(samples)]
    years = [int(table.column("date")[r]) // 10000 for r in picks]
    senders = [table.actor_ids[c] for c in np.unique(table.column("sender")[rows]).tolist()]
    queries = {
        "sender": [{"sender": table.pair_of(r)[0]} for r in picks],
        "sender (any)": [{"sender": rng.choice(senders)} for _ in picks],
        "pair": [{"sender": table.pair_of(r)[0], "recipient": table.pair_of(r)[1]} for r in picks],
        "category+years": [{"category": CATEGORIES[int(table.column("category")[r])],
                            "since": str(min(y, 2020)), "until": str(min(y, 2020) + 4)} for r, y in
                           zip(picks, years)],
    }
    report = {}
    for name, params in queries.items():
        for p in params:  # warm-up: first touches of memory and SQLite pages are not the query's doing
            graph.transfers(**p)
        indexed = [_time(graph.transfers, **p)[0] for p in params]
        listed, scanned, first100, sizes = [], [], [], []
        for p in params:
            t, ids = _time(lambda: graph.transfers(**p).ids())
            listed.append(t)
            sizes.append(len(ids))
            t, first = _time(lambda: list(graph.transfers(**p)[:100]))
            first100.append(t)
        speedups = []
        for i, p in enumerate(params[: max(3, samples // 4)]):  # a scan takes a second; a quarter say enough
            t, ids = _time(full_scan, graph, **p)
            scanned.append(t)
            speedups.append(t / listed[i])  # the same question, answered with the same list of ids
            if ids != graph.transfers(**p).ids():
                raise AssertionError(f"indexed and scanned answers differ for {p}")
        report[name] = {"indexed_ms": _pct(indexed), "ids_ms": _pct(listed), "first100_ms": _pct(first100),
                        "scan_ms": _pct(scanned), "speedup": statistics.median(speedups),
                        "results": statistics.median(sizes)}
    report["peak_mb"] = _peak_mb()
    return report


def _pct(seconds: list[float]) -> dict:
    ms = sorted(s * 1000 for s in seconds)
    return {"p50": statistics.median(ms), "p95": ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]}


def phase_analytics(db: Path) -> dict:
    import geokg
    from geokg.graph import analytics as a

    graph = geokg.open(db)
    top = a.top_suppliers(graph, n=2)
    busiest, second = top[0][0], top[1][0]
    importer = a.top_recipients(graph, n=1)[0][0]
    calls = {
        "suppliers": lambda: a.suppliers(graph, importer),
        "recipients": lambda: a.recipients(graph, busiest),
        "top_suppliers(category, 5 years)": lambda: a.top_suppliers(graph, category="uav", since="2015",
                                                                    until="2019"),
        "top_recipients": lambda: a.top_recipients(graph),
        "timeline (count)": lambda: len(a.timeline(graph, second)),
        "supply_chains(hops=3, limit=20)": lambda: a.supply_chains(graph, second, importer, hops=3, limit=20),
        "degree_centrality": lambda: a.degree_centrality(graph),
        "betweenness_centrality": lambda: a.betweenness_centrality(graph),
        "as_of(2010)": lambda: a.as_of(graph, "2010").number_of_events(),
        "yearly_summary": lambda: a.yearly_summary(graph),
    }
    return {name: _time(call)[0] for name, call in calls.items()} | {"peak_mb": _peak_mb()}


PHASES = {"ingest": phase_ingest, "load": phase_load, "queries": phase_queries, "analytics": phase_analytics}


# -- the driver --------------------------------------------------------------------------------------------------

def _in_process(phase: str, **kwargs) -> dict:
    """Run one phase in a fresh Python process and return what it measured."""
    out = subprocess.run([sys.executable, __file__, "--phase", phase, "--args", json.dumps(kwargs)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.splitlines()[-1])


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1_000_000, help="synthetic reports to ingest")
    parser.add_argument("--runs", type=int, default=3, help="runs of each phase; medians are printed")
    parser.add_argument("--samples", type=int, default=40, help="parameter sets per query kind")
    parser.add_argument("--batch", type=int, default=5000, help="articles per ingest transaction")
    parser.add_argument("--db", default="/tmp/geokg-bench.db", help="the SQLite file to write (replaced)")
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--args", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        kwargs = json.loads(args.args)
        kwargs["db"] = Path(kwargs["db"])
        print(json.dumps(PHASES[args.phase](**kwargs)))
        return

    db = args.db
    print(f"geokg store benchmark: {args.reports:,} synthetic reports, {args.runs} runs, {os.cpu_count()} cores, "
          f"python {sys.version.split()[0]}")
    ingest = [_in_process("ingest", db=db, reports=args.reports, batch=args.batch) for _ in range(args.runs)]
    last = ingest[-1]
    print(f"\ningest ({args.batch} articles a transaction)")
    print(f"  {last['reports']:,} reports from {last['articles']:,} articles -> {last['events']:,} events "
          f"({last['merged']:,} reports merged into an event told before); db {last['db_mb']:.0f} MB")
    print(f"  store ingest          {_median(ingest, 'store_s'):8.1f} s   (median of {args.runs}; "
          f"{_median(ingest, 'store_s') / last['reports'] * 1e6:.0f} us a report)")
    print(f"  making the reports    {_median(ingest, 'generate_s'):8.1f} s   (not counted)")
    print(f"  peak memory           {max(r['peak_mb'] for r in ingest):8.0f} MB")

    load = [_in_process("load", db=db) for _ in range(args.runs)]
    print(f"\nload ({load[-1]['events']:,} events, {load[-1]['actors']} actors)")
    print(f"  geokg.open(db)        {_median(load, 'load_s'):8.1f} s   columns and indexes")
    print(f"  + networkx graph      {_median(load, 'nx_s'):8.1f} s   g.nx, built when first asked for")
    print(f"  peak memory           {max(r['peak_mb'] for r in load):8.0f} MB   (with g.nx)")

    queries = _in_process("queries", db=db, samples=args.samples)
    print(f"\nfiltered queries ({args.samples} parameter sets each; ms)")
    print(f"  {'query':<16}{'results':>9}{'index p50':>11}{'p95':>7}{'+ids p50':>10}{'p95':>7}"
          f"{'scan p50':>10}{'speed-up':>10}{'100 events':>12}")
    for name in queries:
        if name == "peak_mb":
            continue
        q = queries[name]
        print(f"  {name:<16}{q['results']:>9,.0f}{q['indexed_ms']['p50']:>11.3f}{q['indexed_ms']['p95']:>7.3f}"
              f"{q['ids_ms']['p50']:>10.2f}{q['ids_ms']['p95']:>7.2f}{q['scan_ms']['p50']:>10.0f}"
              f"{q['speedup']:>9.0f}x{q['first100_ms']['p50']:>12.1f}")
    print(f"  peak memory           {queries['peak_mb']:8.0f} MB   (graph, g.nx, queries)")

    analytics = [_in_process("analytics", db=db) for _ in range(args.runs)]
    print("\nanalytics (median ms)")
    for name in analytics[0]:
        if name != "peak_mb":
            print(f"  {name:<34}{_median(analytics, name) * 1000:10.1f}")
    print(f"  peak memory           {max(r['peak_mb'] for r in analytics):8.0f} MB")


if __name__ == "__main__":
    main()
