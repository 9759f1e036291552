"""Extraction throughput: articles/s and MB/s, one worker and several, against a floor.

The floor is what no extractor can beat: reading the same texts and one Aho-Corasick pass of the lexicon over
them. The corpus is generated from the team's development set: each article is a dev-set article with its
paragraphs shuffled and padded to about 3 KB with paragraphs from other articles, so sentences stay real.

    .venv/bin/python bench/extract_bench.py                 # 5,000 articles, 3 runs
    .venv/bin/python bench/extract_bench.py --articles 20000 --runs 5

Each configuration runs in a fresh process so that peak memory (max RSS) is its own; with workers it is the main
process's plus each worker's. Figures are medians. `cpu` is the CPU time of the timed part (all processes): on a
machine shared with other jobs it says what the work cost when the wall-clock figures are disturbed.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = sorted((ROOT / "tests" / "devset").glob("*/*.articles.jsonl"))


def make_corpus(path: Path, n: int, size: int = 3000, seed: int = 7) -> int:
    """Write n article records of about `size` characters to `path` (JSONL); returns the bytes written."""
    rng = random.Random(seed)
    base = [json.loads(line) for f in DEVSET for line in f.read_text(encoding="utf-8").splitlines() if line]
    paragraphs = {lang: [p for a in base if a["language"] == lang for p in a["text"].split("\n\n")]
                  for lang in ("en", "id")}
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            article = rng.choice(base)
            parts = article["text"].split("\n\n")
            rng.shuffle(parts)
            while sum(map(len, parts)) < size:
                parts.append(rng.choice(paragraphs[article["language"]]))
            record = {**article, "id": f"bench-{i}", "text": "\n\n".join(parts)}
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
    return written


def run_once(mode: str, corpus: str, workers: int) -> dict:
    """One measurement, in this process: returns articles, seconds, MB of text, events and max RSS (MB)."""
    from geokg.extract import read_paths
    from geokg.extract.lexicon import load_lexicon
    from geokg.extract.mentions import fold

    texts = [a.text for a in read_paths([corpus])]  # counted before the clock starts
    articles, chars = len(texts), sum(map(len, texts))
    del texts
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    if mode == "floor":
        lexicons = {code: load_lexicon(code) for code in ("en", "id")}
        hits = 0
        for article in read_paths([corpus]):
            automaton = lexicons[article.language].automaton
            hits += sum(1 for _ in automaton.iter(fold(article.text)))
        events = hits
    else:
        from geokg.api import extract_paths

        found, _ = extract_paths([corpus], workers=workers)
        events = len(found)
    seconds = time.perf_counter() - start
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    # Worker processes have ended here (the pool is shut down), so RUSAGE_CHILDREN holds the largest worker's
    # peak and all the workers' CPU time.
    return {"articles": articles, "seconds": seconds, "mb": chars / 1e6, "events": events,
            "max_rss_mb": own.ru_maxrss / 1024, "worker_rss_mb": children.ru_maxrss / 1024,
            "cpu": own.ru_utime + own.ru_stime - before.ru_utime - before.ru_stime
            + children.ru_utime + children.ru_stime}


def measure(mode: str, corpus: str, workers: int, runs: int) -> dict:
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, __file__, "--child", mode, corpus, str(workers)],
                             capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    seconds = statistics.median(r["seconds"] for r in results)
    first = results[0]
    # With workers, the peak is the main process's plus each worker's (at most the largest worker's each).
    peak = max(r["max_rss_mb"] + (workers * r["worker_rss_mb"] if workers > 1 else 0) for r in results)
    return {"label": mode if mode == "floor" else f"extract, {workers} worker{'s' if workers > 1 else ''}",
            "articles/s": first["articles"] / seconds, "MB/s": first["mb"] / seconds, "seconds": seconds,
            "events": first["events"], "peak MB": peak, "cpu": statistics.median(r["cpu"] for r in results),
            "runs": [round(r["seconds"], 2) for r in results]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, corpus, workers = args.child
        print(json.dumps(run_once(mode, corpus, int(workers))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        size = make_corpus(corpus, args.articles)
        print(f"corpus: {args.articles:,} articles, {size / 1e6:.1f} MB ({size / args.articles / 1000:.1f} KB each)")
        rows = [measure("floor", str(corpus), 1, args.runs), measure("extract", str(corpus), 1, args.runs)]
        if args.workers > 1:
            rows.append(measure("extract", str(corpus), args.workers, args.runs))
        floor = rows[0]["articles/s"]
        for row in rows:
            print(f"{row['label']:<20} {row['articles/s']:>8.0f} articles/s {row['MB/s']:>6.2f} MB/s "
                  f"{row['seconds']:>7.2f} s  peak {row['peak MB']:>5.0f} MB  "
                  f"{floor / row['articles/s']:>5.1f}x the floor's time  (cpu {row['cpu']:.2f} s; runs {row['runs']})")
        if len(rows) == 3:
            print(f"speed-up with {args.workers} workers: {rows[2]['articles/s'] / rows[1]['articles/s']:.2f}x")


if __name__ == "__main__":
    main()
