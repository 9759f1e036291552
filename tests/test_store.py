"""The SQLite store, merging, the indexed EventGraph it loads, and the `ingest`, `stats` and `query` commands."""
import csv
import io
import json
import random
import sqlite3
import subprocess
import sys

import pytest

import geokg
from conftest import SEEDS
from geokg.api import extract_paths, ingest_paths
from geokg.graph import Article, EventGraph
from geokg.graph.examples import example_event
from geokg.graph.merge import combine, dates_agree, event_bucket, merge_events, more_precise
from geokg.graph.store import Store, StoreError


def geokg_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geokg.cli", *args], capture_output=True, text=True, cwd=cwd,
                          check=False)


def dump(events) -> list[dict]:
    return [e.model_dump(mode="json") for e in events]


# -- merging ---------------------------------------------------------------------------------------------------

def test_reports_of_one_transfer_merge_at_the_coarser_precision():
    month = example_event("PRK", "RUS", "missiles", date="2022-11", article="a1", confidence=0.7)
    day = example_event("PRK", "RUS", "missiles", date="2022-11-15", article="a2", confidence=0.9)
    other_month = example_event("PRK", "RUS", "missiles", date="2022-10", article="a3")
    other_status = example_event("PRK", "RUS", "missiles", "planned", date="2022-11", article="a4")
    merged = merge_events([month, day, other_month, other_status])
    assert len(merged) == 3
    first = merged[0]
    assert first.id == month.id  # the founding report names the event
    assert (first.date, first.date_precision.value, first.confidence) == ("2022-11-15", "day", 0.9)
    assert first.evidence.article_id == "a2" and [s.article_id for s in first.sources] == ["a1"]
    assert first.corroboration == 2
    assert [e.corroboration for e in merged[1:]] == [1, 1]


def test_a_vague_report_joins_the_first_event_it_agrees_with_and_undated_only_undated():
    march = example_event("IRN", "RUS", "uav", date="2022-03-02", article="a1")
    november = example_event("IRN", "RUS", "uav", date="2022-11-20", article="a2")
    year = example_event("IRN", "RUS", "uav", date="2022", article="a3")
    undated = example_event("IRN", "RUS", "uav", date=None, article="a4")
    undated_too = example_event("IRN", "RUS", "uav", date=None, article="a5")
    merged = merge_events([march, november, year, undated, undated_too])
    assert [(e.date, e.corroboration) for e in merged] == [("2022-03-02", 2), ("2022-11-20", 1), (None, 2)]


def test_the_same_report_twice_counts_once():
    report = example_event("USA", "UKR", "artillery", article="a1")
    assert dump(merge_events([report, report])) == dump([report])


def _reference_merge(reports):
    """The rules of graph/merge.py, spelled out the slow way: scan every event for the first that agrees."""
    groups, dates = [], []
    for report in reports:
        for i, group in enumerate(groups):
            if event_bucket(group[0]) == event_bucket(report) and dates_agree(dates[i], report.date):
                group.append(report)
                if more_precise(report.date, dates[i]):
                    dates[i] = report.date
                break
        else:
            groups.append([report])
            dates.append(report.date)
    return [combine(group) for group in groups]


def _random_corpus(seed: int, articles: int = 60) -> list[tuple[Article, list]]:
    """Articles telling few transfers at many precisions, so nearly every rule of merging gets exercised."""
    rng = random.Random(seed)
    corpus = []
    for a in range(articles):
        article_id = f"r{seed}-{a}"
        events = {}
        for _ in range(rng.randint(1, 4)):
            pick = rng.random()
            year, month, day = rng.choice(["2021", "2022"]), rng.choice(["03", "11"]), rng.choice(["01", "15"])
            date = (None if pick < 0.05 else year if pick < 0.3 else f"{year}-{month}" if pick < 0.6
                    else f"{year}-{month}-{day}")
            sender, recipient = rng.choice([("PRK", "RUS"), ("IRN", "RUS"), ("USA", "UKR")])
            event = example_event(sender, recipient, rng.choice(["uav", "missiles"]),
                                  rng.choice(["delivered", "planned"]), date=date, article=article_id,
                                  confidence=rng.choice([0.5, 0.7, 0.9]))
            events.setdefault(event.id, event)
        corpus.append((Article(id=article_id, text=f"text of {article_id}"), list(events.values())))
    return corpus


@pytest.mark.parametrize("seed", range(6))
def test_memory_and_store_merge_as_the_rules_say(seed):
    corpus = _random_corpus(seed)
    reports = [e for _, events in corpus for e in events]
    expected = dump(_reference_merge(reports))
    assert dump(merge_events(reports)) == expected
    store = Store(":memory:")
    for start in range(0, len(corpus), 7):  # batches: events merge with those stored by earlier batches
        store.ingest(corpus[start:start + 7])
    assert dump(store.load_graph().events()) == expected
    assert len(expected) < len(reports)  # the corpus did make reports merge


# -- the store -------------------------------------------------------------------------------------------------

def test_ingest_merges_the_seed_and_its_retelling_and_twice_adds_nothing(tmp_path):
    db = tmp_path / "seeds.db"
    first, problems = ingest_paths([SEEDS], db=db)
    assert problems == [] and first.articles > 5 and first.merged > 0
    assert first.reports == first.events + first.merged
    again, _ = ingest_paths([SEEDS], db=db)
    assert (again.articles, again.skipped, again.reports) == (0, first.articles, 0)
    graph = geokg.open(db)
    assert graph.number_of_events() == first.events
    wagner = graph.transfers(sender="PRK", recipient="wagner-group", category="missiles")
    assert len(wagner) == 1 and wagner[0].corroboration == 2
    assert {e.article_id for e in wagner[0].all_evidence} == {"kontan-korut-senjata-rusia", "en-seed-korea-wagner"}
    events, _ = extract_paths([SEEDS])
    assert sorted(map(json.dumps, dump(graph.events()))) == sorted(map(json.dumps, dump(merge_events(events))))


def test_an_article_id_taken_by_another_text_is_refused_and_named(tmp_path):
    db = tmp_path / "a.db"
    (tmp_path / "news.txt").write_text("Iran sent drones to Russia in October 2022.", encoding="utf-8")
    ingest_paths([tmp_path / "news.txt"], db=db, published=None)
    (tmp_path / "news.txt").write_text("France delivered Rafale jets to Indonesia in 2024.", encoding="utf-8")
    result, problems = ingest_paths([tmp_path / "news.txt"], db=db)
    assert result.articles == 0 and [p.path for p in problems] == ["news"]
    assert "news-v2" in problems[0].message
    assert [e.sender.id for e in geokg.open(db).events()] == ["IRN"]


def test_a_batch_is_stored_whole_or_not_at_all(tmp_path):
    db = tmp_path / "b.db"
    store = Store(db)
    good = (Article(id="good", text="good"), [example_event("PRK", "RUS", "missiles", article="good")])
    stray = (Article(id="bad", text="bad"), [example_event("IRN", "RUS", "uav", article="elsewhere")])
    with pytest.raises(ValueError, match="article 'bad'"):
        store.ingest([good, stray])
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert store.ingest([good]).events == 1
    store.close()
    reopened = sqlite3.connect(db)
    assert reopened.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert reopened.execute("SELECT count(*) FROM reports").fetchone()[0] == 1


def test_files_that_are_not_stores_are_refused_with_advice(tmp_path):
    with pytest.raises(StoreError, match="geokg ingest"):
        geokg.open(tmp_path / "missing.db")
    (tmp_path / "notes.db").write_text("not a database at all, just some notes\n" * 100)
    with pytest.raises(StoreError, match="not a database.*another --db"):
        Store(tmp_path / "notes.db")
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE songs (title TEXT)")
    other.commit()
    with pytest.raises(StoreError, match="something else"):
        Store(tmp_path / "other.db")
    with pytest.raises(StoreError, match="folder you can write to"):
        Store(tmp_path / "no" / "such" / "folder.db")


# -- the indexed graph -----------------------------------------------------------------------------------------

def _scan(events, sender=None, recipient=None, category=None, status=None, since=None, until=None,
          min_confidence=None):
    """transfers() without indexes: the filters as the first EventGraph applied them, edge by edge."""
    floor = since + "-01" * (2 - since.count("-")) if since else None
    ceiling = until + "-99" * (2 - until.count("-")) if until else None
    found = []
    for order, e in enumerate(events):
        if sender and e.sender.id != sender or recipient and e.recipient.id != recipient:
            continue
        if category and e.weapon.category.value != category or status and e.status.value != status:
            continue
        if min_confidence is not None and e.confidence < min_confidence:
            continue
        if floor or ceiling:
            if e.date is None:
                continue
            day = e.date + "-01" * (2 - e.date.count("-"))
            if floor and day < floor or ceiling and day > ceiling:
                continue
        found.append((e.date is None, e.date or "", order, e.id))
    return [event_id for *_, event_id in sorted(found)]


def _random_filters(rng: random.Random) -> dict:
    dates = ["2021", "2021-03", "2021-11-15", "2022", "2022-03", "2022-03-01", "2022-11", "2022-11-30"]
    choices = {"sender": ["PRK", "IRN", "USA", "RUS", "nobody"], "recipient": ["RUS", "UKR", "wagner-group"],
               "category": ["uav", "missiles", "artillery"], "status": ["delivered", "planned"],
               "since": dates, "until": dates, "min_confidence": [0.5, 0.7, 0.9]}
    return {name: rng.choice(values) for name, values in choices.items() if rng.random() < 0.4}


@pytest.mark.parametrize("seed", range(3))
def test_indexed_queries_answer_as_a_full_scan_does(seed, tmp_path):
    corpus = _random_corpus(seed, articles=150)
    store = Store(tmp_path / "q.db")
    store.ingest(corpus)
    on_disk = store.load_graph()
    in_memory = EventGraph(merge_events(e for _, events in corpus for e in events))
    events = list(in_memory.events())
    rng = random.Random(seed)
    for _ in range(300):
        filters = _random_filters(rng)
        expected = _scan(events, **filters)
        assert in_memory.transfers(**filters).ids() == expected, filters
        assert on_disk.transfers(**filters).ids() == expected, filters
    assert dump(on_disk.transfers(sender="IRN", since="2022")) == dump(in_memory.transfers(sender="IRN", since="2022"))


def test_bad_dates_and_values_are_refused_with_advice():
    g = EventGraph([example_event("PRK", "RUS", "missiles")])
    with pytest.raises(ValueError, match="YYYY-MM"):
        g.transfers(since="Nov 2022")
    with pytest.raises(ValueError):
        g.transfers(category="lasers")


def test_a_result_reads_like_a_list():
    g = EventGraph([example_event("PRK", "RUS", "missiles", date="2022-11", article="a1"),
                    example_event("PRK", "RUS", "uav", date="2021", article="a2"),
                    example_event("IRN", "RUS", "uav", date=None, article="a3")])
    found = g.transfers(recipient="RUS")
    assert [e.date for e in found] == ["2021", "2022-11", None]  # by date, undated last
    assert found[-1].sender.id == "IRN" and [e.date for e in found[:2]] == ["2021", "2022-11"]
    assert found == list(found) and found != list(found)[:2]
    union = g.transfers(category="uav") | g.transfers(sender="PRK")
    assert union.ids() == found.ids()
    assert found.count_by("year") == {2021: 1, 2022: 1, None: 1}
    with pytest.raises(ValueError, match="choose"):
        found.count_by("colour")


def test_replacing_an_event_moves_its_edge_and_its_index_entries():
    g = EventGraph([example_event("PRK", "RUS", "missiles", article="a1")])
    g.nx  # built: it must follow the change too
    moved = example_event("PRK", "RUS", "missiles", article="a1").model_copy(update={"date": "2019"})
    g.add_events([moved])
    assert g.number_of_events() == 1 and g.nx.number_of_edges() == 1
    assert [e.date for e in g.transfers(sender="PRK")] == ["2019"]
    assert g.transfers(since="2022") == []


def test_a_stored_graph_keeps_numbers_on_edges_and_reads_events_on_demand(tmp_path):
    db = tmp_path / "s.db"
    ingest_paths([SEEDS], db=db)
    g = geokg.open(db)
    u, v, key, data = next(iter(g.nx.edges(keys=True, data=True)))
    assert set(data) == {"category", "status", "date", "confidence", "corroboration"}
    event = g.event(key)
    assert (event.sender.id, event.recipient.id, event.weapon.category.value) == (u, v, data["category"])
    assert g.filtered(sender="PRK").number_of_events() == len(g.transfers(sender="PRK"))
    in_memory = EventGraph([example_event("PRK", "RUS", "missiles")])
    assert all(isinstance(d["event"], type(event)) for _, _, d in in_memory.nx.edges(data=True))


def test_to_pandas_has_a_row_per_event(tmp_path):
    db = tmp_path / "p.db"
    ingest_paths([SEEDS], db=db)
    g = geokg.open(db)
    frame = g.to_pandas()
    assert len(frame) == g.number_of_events()
    assert list(frame.columns) == ["id", "sender", "sender_name", "recipient", "recipient_name", "category",
                                   "status", "date", "confidence", "corroboration"]
    row = frame[(frame.sender == "PRK") & (frame.category == "missiles")].iloc[0]
    assert (row.recipient_name, row.date, row.corroboration) == ("Wagner Group", "2022-11", 2)
    assert len(g.transfers(sender="PRK").to_pandas()) == len(g.transfers(sender="PRK"))


# -- the commands ----------------------------------------------------------------------------------------------

def test_ingest_stats_and_query_from_the_shell(tmp_path):
    first = geokg_cli("ingest", str(SEEDS), cwd=tmp_path)  # the default store: ./geokg.db
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "geokg.db").is_file() and "reports merged" in first.stdout
    again = geokg_cli("ingest", str(SEEDS), cwd=tmp_path)
    assert "stored 0 articles" in again.stdout
    stats = geokg_cli("stats", cwd=tmp_path)
    assert stats.returncode == 0 and "told by 2+ articles" in stats.stdout
    answers = [geokg_cli("query", "--sender", name, "--format", "jsonl", cwd=tmp_path).stdout
               for name in ("Korea Utara", "North Korea", "PRK", "prk")]
    assert answers[0] and len(set(answers)) == 1
    events = [json.loads(line) for line in answers[0].splitlines()]
    assert {e["sender"]["id"] for e in events} == {"PRK"}
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    rows = list(csv.DictReader(io.StringIO(geokg_cli("query", "--sender", "PRK", "--category", "missiles",
                                                     "--format", "csv", cwd=tmp_path).stdout)))
    assert [(r["recipient"], r["corroboration"]) for r in rows] == [("wagner-group", "2")]
    table = geokg_cli("query", "--recipient", "Rusia", "--since", "2023", cwd=tmp_path)
    assert table.returncode == 0 and "North Korea" in table.stdout and "Iran" not in table.stdout


def test_store_commands_explain_mistakes(tmp_path):
    missing = geokg_cli("query", "--sender", "PRK", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and "geokg ingest" in missing.stderr
    geokg_cli("ingest", str(SEEDS), "--db", str(tmp_path / "s.db"))
    unknown = geokg_cli("query", "--sender", "Atlantis", "--db", str(tmp_path / "s.db"))
    assert unknown.returncode == 2 and "Korea Utara" in unknown.stderr and "Traceback" not in unknown.stderr
    bad_date = geokg_cli("query", "--since", "last year", "--db", str(tmp_path / "s.db"))
    assert bad_date.returncode == 2 and "YYYY" in bad_date.stderr
    (tmp_path / "notes.txt").write_text("just notes\n" * 200)
    not_a_store = geokg_cli("ingest", str(SEEDS), "--db", str(tmp_path / "notes.txt"))
    assert not_a_store.returncode == 2 and "another --db" in not_a_store.stderr


def test_ingest_names_bad_inputs_and_stores_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text("Iran sent drones to Russia in October 2022.", encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    result = geokg_cli("ingest", str(tmp_path / "good.txt"), str(tmp_path / "broken.jsonl"),
                       str(tmp_path / "missing.txt"), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 1
    assert "broken.jsonl:1" in result.stderr and "missing.txt" in result.stderr
    assert [e.sender.id for e in geokg.open(tmp_path / "x.db").events()] == ["IRN"]


@pytest.mark.parametrize("command", ["ingest", "stats", "query", "suppliers", "recipients", "top", "chain",
                                     "timeline"])
def test_store_commands_show_an_example(command):
    result = geokg_cli(command, "--help")
    assert result.returncode == 0 and "example" in result.stdout and "geokg.db" in result.stdout
