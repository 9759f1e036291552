"""An ingest killed without warning (SIGKILL: no handler, no cleanup) keeps every committed batch whole, keeps
nothing of the batch in flight, and running it again completes the store with nothing stored twice: the end state
is the one an ingest that never crashed reaches. Real SQLite files, real processes."""
import json
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

from geokg.api import ingest_paths
from geokg.extract import RulesExtractor, read_paths

STATES = ["Iran", "Russia", "France", "India", "Poland", "Ukraine", "Turkey", "Egypt"]
WEAPONS = ["drones", "missiles", "tanks", "howitzers", "rifles", "frigates"]
MONTHS = ["March 2021", "November 2021", "2022", "June 2022"]
BATCH = 5


def _write_corpus(path, n: int) -> None:
    """Articles retelling a small pool of transfers at several precisions, so that many reports merge."""
    rng = random.Random(4)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            sentences = []
            for _ in range(rng.randint(1, 2)):
                sender, recipient = rng.sample(STATES, 2)
                sentences.append(f"{sender} delivered {rng.choice(WEAPONS)} to {recipient} in {rng.choice(MONTHS)}.")
            out.write(json.dumps({"id": f"art-{i:05d}", "text": f"Report {i}. " + " ".join(sentences),
                                  "published": "2023-01-15", "language": "en"}) + "\n")


def _stored_articles(db) -> int:
    """Articles committed so far, as any other reader sees them."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as reader:
            return reader.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # no file or no tables yet
        return 0


def _check_consistent(db) -> sqlite3.Connection:
    """Open the store as the next run would (SQLite recovers from the WAL) and check what must always hold."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT id FROM reports GROUP BY id HAVING count(*) > 1").fetchall() == []
    # every event: told by at least one report, counted right, its evidence one of its own reports
    assert con.execute("""
        SELECT e.key FROM events e LEFT JOIN reports r ON r.event = e.key GROUP BY e.key
        HAVING count(r.key) = 0 OR e.corroboration != count(DISTINCT r.article_id)
            OR sum(r.key = e.evidence) != 1""").fetchall() == []
    return con


def _snapshot(con: sqlite3.Connection) -> tuple:
    """Everything a store holds but the ingest times."""
    return (con.execute("SELECT id, content_hash FROM articles ORDER BY id").fetchall(),
            con.execute("SELECT * FROM events ORDER BY key").fetchall(),
            con.execute("SELECT * FROM reports ORDER BY key").fetchall())


def test_a_killed_cli_ingest_keeps_whole_batches_and_the_rerun_completes_it(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, 1500)
    db = tmp_path / "crash.db"
    command = [sys.executable, "-m", "geokg.cli", "ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH)]
    ingest = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _stored_articles(db) < 10 * BATCH:
        assert ingest.poll() is None, "the ingest ended before it could be killed: " + ingest.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.005)
    ingest.send_signal(signal.SIGKILL)
    ingest.communicate()
    assert ingest.returncode == -signal.SIGKILL

    con = _check_consistent(db)
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < stored < 1500 and stored % BATCH == 0  # whole batches only
    extractor = RulesExtractor()
    told = {a.id: len(extractor.extract(a)) for a in read_paths([corpus])}
    per_article = dict(con.execute("SELECT a.id, count(r.key) FROM articles a LEFT JOIN reports r "
                                   "ON r.article_id = a.id GROUP BY a.id"))
    assert per_article == {article_id: told[article_id] for article_id in per_article}
    con.close()

    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"({stored:,} already there)" in rerun.stdout
    crashed = _check_consistent(db)
    clean_db = tmp_path / "clean.db"
    ingest_paths([corpus], db=clean_db, batch_size=BATCH)
    clean = _check_consistent(clean_db)
    assert _snapshot(crashed) == _snapshot(clean)
    events = clean.execute("SELECT count(*), sum(corroboration > 1) FROM events").fetchone()
    assert events[0] < sum(told.values()) and events[1] > 0  # merging had work to do


BIG_BATCH = textwrap.dedent("""
    import sys
    from geokg.graph import Article
    from geokg.graph.examples import ACTORS, example_event
    from geokg.graph.store import Store

    def article(i):
        sender, recipient = ("PRK", "RUS") if i % 2 else ("IRN", "RUS")
        event = example_event(sender, recipient, "uav", date=f"20{10 + i % 13}-0{1 + i % 9}", article=f"a{i}")
        return Article(id=f"a{i}", text=f"text {i}"), [event]

    store = Store(sys.argv[1])
    store.ingest([article(i) for i in range(100)])
    print("committed", flush=True)
    batch = [article(i) for i in range(100, 150_100)]
    print("started", flush=True)
    store.ingest(batch)
    print("done", flush=True)
""")


def test_a_batch_killed_in_flight_leaves_no_trace(tmp_path):
    db = tmp_path / "inflight.db"
    writer = subprocess.Popen([sys.executable, "-c", BIG_BATCH, str(db)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "committed"
    assert writer.stdout.readline().strip() == "started"
    time.sleep(1.0)  # well inside the 150,000-article transaction
    writer.send_signal(signal.SIGKILL)
    rest, _ = writer.communicate()
    assert writer.returncode == -signal.SIGKILL and "done" not in rest
    con = _check_consistent(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 100
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 100
