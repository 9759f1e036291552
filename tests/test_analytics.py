"""The analytics of graph/analytics.py, on hand-made graphs whose answers can be checked by eye, on a store, and
through the shell commands."""
import json
import subprocess
import sys

import networkx as nx
import pytest

import geokg
from conftest import SEEDS
from geokg.graph import EventGraph
from geokg.graph import analytics as a
from geokg.graph.examples import example_event, example_graph


def geokg_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geokg.cli", *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "seeds.db"
    geokg.ingest_paths([SEEDS], db=db)
    return db


def test_suppliers_and_recipients_count_events_most_first():
    g = example_graph()
    assert a.suppliers(g, "RUS") == [("IRN", 1), ("PRK", 1)]
    assert a.suppliers(g, "RUS", status="planned") == [("PRK", 1)]
    assert a.recipients(g, "PRK") == [("wagner-group", 2), ("RUS", 1)]
    assert a.recipients(g, "PRK", since="2023") == [("RUS", 1)]
    assert a.suppliers(g, "USA") == [] and a.suppliers(g, "nobody") == []


def test_top_actors_per_category_and_period():
    g = example_graph()
    assert a.top_suppliers(g, n=1) == [("PRK", 3)]
    assert a.top_suppliers(g, category="artillery") == [("PRK", 2), ("USA", 1)]
    assert a.top_suppliers(g, category="artillery", since="2023") == [("PRK", 1)]
    assert a.top_recipients(g, category="uav") == [("RUS", 1)]


def test_a_timeline_holds_what_an_actor_sent_and_received_by_date():
    found = a.timeline(example_graph(), "RUS")
    assert [(e.date, e.sender.id, e.recipient.id) for e in found] == [
        ("2022-09", "IRN", "RUS"), ("2023", "RUS", "wagner-group"), ("2023-03", "PRK", "RUS")]
    assert len(a.timeline(example_graph(), "RUS", category="uav")) == 1


def test_supply_chains_fewest_steps_then_strongest_weakest_step():
    g = EventGraph([
        example_event("IRN", "RUS", "uav", article="a1"), example_event("IRN", "RUS", "missiles", article="a2"),
        example_event("RUS", "wagner-group", "uav", article="a3"),
        example_event("RUS", "wagner-group", "missiles", article="a4"),
        example_event("IRN", "PRK", "missiles", article="a5"),
        example_event("PRK", "wagner-group", "uav", article="a6"),
        example_event("IRN", "wagner-group", "uav", date="2019", article="a7"),
        example_event("PRK", "RUS", "artillery", article="a8"),
    ])
    assert a.supply_chains(g, "IRN", "wagner-group") == [
        ["IRN", "wagner-group"], ["IRN", "RUS", "wagner-group"], ["IRN", "PRK", "wagner-group"],
        ["IRN", "PRK", "RUS", "wagner-group"]]
    assert a.supply_chains(g, "IRN", "wagner-group", hops=2, limit=2) == [
        ["IRN", "wagner-group"], ["IRN", "RUS", "wagner-group"]]
    assert a.supply_chains(g, "IRN", "wagner-group", since="2020", category="uav") == [
        ["IRN", "RUS", "wagner-group"]]
    assert a.supply_chains(g, "wagner-group", "IRN") == []
    assert a.supply_chains(g, "IRN", "nobody") == []


def test_centrality_is_networkx_on_the_actor_graph():
    g = example_graph()
    pairs = nx.DiGraph([("IRN", "RUS"), ("PRK", "RUS"), ("PRK", "wagner-group"), ("RUS", "wagner-group"),
                        ("USA", "UKR")])
    assert a.degree_centrality(g) == pytest.approx(nx.degree_centrality(pairs))
    assert a.betweenness_centrality(g) == pytest.approx(nx.betweenness_centrality(pairs))
    assert a.betweenness_centrality(g)["RUS"] > 0 and a.betweenness_centrality(g)["PRK"] == 0
    assert a.actor_graph(g, category="artillery").number_of_edges() == 3  # PRK->RUS, PRK->wagner, USA->UKR


def test_the_graph_as_of_a_date_holds_only_what_had_happened():
    g = example_graph()
    then = a.as_of(g, "2022-11")
    assert sorted(e.date for e in then.events()) == ["2022-09", "2022-11", "2022-11"]
    assert {x.id for x in then.actors()} == {"IRN", "RUS", "PRK", "wagner-group"}
    assert a.suppliers(then, "RUS") == [("IRN", 1)]
    assert g.number_of_events() == 6  # the original is untouched


def test_the_yearly_summary_adds_up():
    g = EventGraph([*example_graph().events(), example_event("IRN", "RUS", "missiles", date=None, article="u")])
    rows = a.yearly_summary(g)
    assert [r["year"] for r in rows] == [2022, 2023, None]
    assert sum(r["events"] for r in rows) == g.number_of_events()
    assert rows[1] == {"year": 2023, "events": 2, "senders": 2, "recipients": 2, "pairs": 2,
                       "top_category": "armoured_vehicles"}


def test_analytics_on_a_store(seeds_db):
    g = geokg.open(seeds_db)
    assert {actor for actor, _ in a.suppliers(g, "RUS")} >= {"IRN", "PRK"}
    assert ["PRK", "wagner-group"] in a.supply_chains(g, "PRK", "wagner-group")
    assert all("PRK" in (e.sender.id, e.recipient.id) for e in a.timeline(g, "PRK"))
    assert sum(r["events"] for r in a.yearly_summary(g)) == g.number_of_events()


def test_analytics_from_the_shell(seeds_db):
    db = ["--db", str(seeds_db)]
    suppliers = geokg_cli("suppliers", "Rusia", *db)  # Indonesian for Russia
    assert suppliers.returncode == 0 and "Iran" in suppliers.stdout and "North Korea" in suppliers.stdout
    top = geokg_cli("top", "--category", "aircraft", "-n", "1", *db)
    assert top.returncode == 0 and "France" in top.stdout and "Indonesia" in top.stdout
    chain = geokg_cli("chain", "Korea Utara", "Wagner Group", *db)
    assert chain.returncode == 0 and "North Korea -> Wagner Group" in chain.stdout
    none = geokg_cli("chain", "Indonesia", "France", *db)
    assert none.returncode == 0 and "no chain" in none.stderr
    timeline = geokg_cli("timeline", "PRK", "--format", "jsonl", *db)
    events = [json.loads(line) for line in timeline.stdout.splitlines()]
    assert events and all("PRK" in (e["sender"]["id"], e["recipient"]["id"]) for e in events)
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    unknown = geokg_cli("suppliers", "Atlantis", *db)
    assert unknown.returncode == 2 and "Atlantis" in unknown.stderr


def test_supply_chains_are_every_simple_path_networkx_finds():
    import random

    rng = random.Random(5)
    actors = ["IRN", "RUS", "PRK", "UKR", "USA", "wagner-group"]
    events = [example_event(*rng.sample(actors, 2), "uav", article=f"a{i}") for i in range(25)]
    g = EventGraph(events)
    pairs = a.actor_graph(g)
    for source in actors:
        for target in actors:
            if source != target:
                for hops in (1, 2, 3, 4):
                    expected = sorted(nx.all_simple_paths(pairs, source, target, cutoff=hops))
                    assert sorted(a.supply_chains(g, source, target, hops=hops)) == expected
