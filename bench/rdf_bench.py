"""How fast and how lean the RDF export is: a million events to N-Triples, against rdflib, and into Oxigraph.

    .venv/bin/python bench/rdf_bench.py                          # 1,000,000 events, rdflib on 50,000, 3 runs
    .venv/bin/python bench/rdf_bench.py --events 100000 --rdflib-events 20000 --runs 5

Targets (issue 5): 1,000,000 events to N-Triples in <= 60 s with flat memory and >= 5x faster than rdflib's
Graph.serialize on the same events; the same pushed into Oxigraph in <= 120 s.

The events are bench/synthetic.py's reports (realistic skew, every category, 30 years, about three per article),
made on the fly, one at a time, so that nothing but the writer holds memory. Making them costs time too, so the
bench times making them alone and reports the writer's own time as the difference. Every measurement runs in a
fresh process (peak memory is that process's maximum resident set), and the figures are medians over --runs.

rdflib holds the whole Graph in memory (~0.9 GB per million triples), so it runs on a slice (--rdflib-events) and
is compared per event with the streaming writer on the same slice. The push goes into a fresh Oxigraph server
(PyPI `oxigraph`) on loopback, through `geokg.export.triplestore.push`, as `geokg push` does.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_batches  # noqa: E402

from geokg.export.ntriples import ntriples_batches, write_ntriples  # noqa: E402
from geokg.export.rdf import to_rdf  # noqa: E402
from geokg.export.triplestore import push, query  # noqa: E402

WHEN = "2024-05-01T12:00:00+00:00"  # one extraction time for every article: no clock reads in the loop


def events(n: int):
    for batch in synthetic_batches(n, seed=1):
        for _, reports in batch:
            yield from reports


def child(mode: str, n: int, target: str) -> dict:
    """One measurement, in this (fresh) process."""
    started = time.perf_counter()
    out: dict = {}
    if mode == "make":
        out["events"] = sum(1 for _ in events(n))
    elif mode == "nt":
        out["lines"] = write_ntriples(events(n), target, extracted_at=lambda _: WHEN)
        out["bytes"] = Path(target).stat().st_size
    elif mode == "rdflib":
        graph = to_rdf(events(n), extracted_at=lambda _: WHEN)
        out["built"] = time.perf_counter() - started
        graph.serialize(target, format="nt", encoding="utf-8")
        out["triples"] = len(graph)
    elif mode in ("push", "push-lean"):
        batches = ntriples_batches(events(n), quads=True, extracted_at=lambda _: WHEN, evidence=mode == "push")
        out["statements"] = push(batches, f"{target}/store").statements
    out["seconds"] = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out["peak_mb"] = usage.ru_maxrss / 1024
    out["cpu"] = usage.ru_utime + usage.ru_stime  # this process's CPU seconds: steadier than wall time on a busy box
    return out


def measure(mode: str, n: int, target: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", mode, "--events", str(n), "--target", target],
                            capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"{mode} on {n:,} events failed:\n{result.stderr}")
    return json.loads(result.stdout.splitlines()[-1])


def median_of(mode: str, n: int, target: str, runs: int) -> dict:
    results = [measure(mode, n, target) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]} | {
        "runs": [round(r["seconds"], 1) for r in results]}


def _oxigraph() -> str:
    beside_python = Path(sys.executable).parent / "oxigraph"
    path = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if path is None:
        sys.exit("the oxigraph server is not installed: pip install oxigraph")
    return path


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def push_runs(n: int, runs: int, workdir: Path, mode: str = "push") -> dict:
    """Push `n` events into a fresh Oxigraph per run; also counts what the store holds afterwards, the server's
    CPU seconds, and the load average (1 minute) before and after, since other work on the machine shows in the
    wall time."""
    results = []
    for run in range(runs):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([_oxigraph(), "serve", "--location", str(workdir / f"oxigraph-{run}"),
                                   "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    requests.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1)
                    break
                except requests.ConnectionError:
                    time.sleep(0.1)
            load = os.getloadavg()[0]
            result = measure(mode, n, url)
            result["server_cpu"] = _cpu_seconds(server.pid)
            result["load"] = f"{load:.1f}->{os.getloadavg()[0]:.1f}"
            count = query(f"{url}/query", "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION "
                                          "{ GRAPH ?g { ?s ?p ?o } } }", "text/csv").split()[-1]
            result["in_store"] = int(count)
            results.append(result)
        finally:
            server.terminate()
            server.wait(timeout=60)
            shutil.rmtree(workdir / f"oxigraph-{run}", ignore_errors=True)
    return {key: statistics.median(r[key] for r in results) for key in results[0] if key != "load"} | {
        "runs": [round(r["seconds"], 1) for r in results], "loads": [r["load"] for r in results]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rdflib-events", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-push", action="store_true", help="skip the Oxigraph push")
    parser.add_argument("--push-only", action="store_true", help="only the Oxigraph push (and making the events)")
    parser.add_argument("--lean", action="store_true", help="also push without the reports (geokg push --no-evidence)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.events, args.target)))
        return

    n, m, runs = args.events, args.rdflib_events, args.runs
    sys.stdout.reconfigure(line_buffering=True)  # each figure shows as soon as it is measured
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        nt = str(work / "events.nt")
        print(f"{n:,} synthetic events, medians of {runs} runs, each in a fresh process")
        make = median_of("make", n, "", runs)
        print(f"making the events alone: {make['seconds']:.1f} s, peak {make['peak_mb']:.0f} MB  (runs {make['runs']})")
        if args.push_only:
            return push_report(n, runs, work, make, args.lean)
        small = median_of("nt", n // 10, nt, runs)
        full = median_of("nt", n, nt, runs)
        writer = full["seconds"] - make["seconds"]
        print(f"N-Triples, {n:,} events: {full['seconds']:.1f} s with making them, {writer:.1f} s for the writer "
              f"itself (target <= 60 s); {full['lines']:,.0f} triples, {full['bytes'] / 1e9:.2f} GB  "
              f"(runs {full['runs']})")
        print(f"  peak memory {full['peak_mb']:.0f} MB at {n:,} events, {small['peak_mb']:.0f} MB at {n // 10:,}, "
              f"{make['peak_mb']:.0f} MB for making the events alone")

        make_m = median_of("make", m, "", runs)
        ours = median_of("nt", m, nt, runs)
        theirs = median_of("rdflib", m, nt, runs)
        ours_writer = ours["seconds"] - make_m["seconds"]
        theirs_writer = theirs["seconds"] - make_m["seconds"]
        print(f"rdflib on a slice of {m:,} events ({theirs['triples']:,.0f} triples): Graph built in "
              f"{theirs['built'] - make_m['seconds']:.1f} s, built and serialized {theirs_writer:.1f} s, peak "
              f"{theirs['peak_mb']:.0f} MB (runs {theirs['runs']})")
        print(f"  streaming writer on the same {m:,} events: {ours_writer:.1f} s, peak {ours['peak_mb']:.0f} MB: "
              f"{theirs_writer / ours_writer:.1f}x faster than rdflib (target >= 5x)")
        print(f"  rdflib at {n:,} events would need about {theirs_writer * n / m:.0f} s and "
              f"{(theirs['peak_mb'] - make_m['peak_mb']) * n / m / 1000:.1f} GB more memory (scaled linearly)")

        if not args.no_push:
            push_report(n, runs, work, make, args.lean)


def push_report(n: int, runs: int, work: Path, make: dict, lean: bool) -> None:
    for mode in ("push", "push-lean") if lean else ("push",):
        pushed = push_runs(n, runs, work, mode)
        what = "without the reports (--no-evidence)" if mode == "push-lean" else "complete"
        print(f"push into Oxigraph, {n:,} events, {what}: {pushed['seconds']:.1f} s with making them "
              f"({pushed['seconds'] - make['seconds']:.1f} s beyond that; target <= 120 s), "
              f"{pushed['statements']:,.0f} statements sent ({pushed['statements'] / n:.1f} an event), "
              f"{pushed['in_store']:,.0f} in the store, peak {pushed['peak_mb']:.0f} MB  (runs {pushed['runs']})")
        print(f"  CPU seconds: {pushed['cpu']:.0f} client (making, writing, sending), {pushed['server_cpu']:.0f} "
              f"Oxigraph; load average before->after each run {pushed['loads']}")


if __name__ == "__main__":
    main()
