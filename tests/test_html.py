"""The HTML explorer, opened from file:// in a real headless Chromium with the network blocked.

Each browser test saves a screenshot in its tmp dir. No timing is asserted here (speed is bench/html_bench.py).
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geokg.api import extract_paths, ingest_paths
from geokg.export import show, to_html, write_html
from geokg.export.html import render_page
from geokg.graph import Actor, EventGraph, Evidence, TransferEvent, Weapon

from conftest import ROOT, SEEDS

EVIL = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


@pytest.fixture(scope="module")
def seed_graph() -> EventGraph:
    events, _ = extract_paths([SEEDS])
    return EventGraph(events)


def _actor(actor_id: str, name: str | None = None, kind: str = "state") -> Actor:
    return Actor(id=actor_id, name=name or actor_id, kind=kind)


def _event(n: int, sender: Actor, recipient: Actor, category: str = "uav", status: str = "delivered",
           date: str | None = "2022-10", sentence: str | None = None, title: str | None = None,
           url: str | None = None, sources: list[Evidence] = ()) -> TransferEvent:
    sentence = sentence or f"{sender.name} sent {category} to {recipient.name} (report {n})."
    evidence = Evidence(article_id=f"article-{n}", sentence=sentence, start=0, end=len(sentence),
                        title=title or f"Report {n}", url=url, language="en")
    return TransferEvent(
        id=f"ev-{n:06d}", sender=sender, recipient=recipient, weapon=Weapon(category=category, mention=category),
        status=status, date=date, date_precision=None if date is None else "month", date_source="explicit",
        confidence=0.8, evidence=evidence, extractor="test", sources=list(sources))


def _evil_graph() -> EventGraph:
    iran, odd = _actor("IRN", "Iran"), _actor("odd group <x>", f"Odd {EVIL}", "non_state")
    return EventGraph([
        _event(1, iran, odd, sentence=f"Iran sent drones {EVIL} to them.", title=f"Title {EVIL}",
               url="javascript:alert(1)"),
        _event(2, iran, odd, category="missiles", sentence="Plain.", title="Linked",
               url=f'https://example.org/a?b="><img src=x onerror="window.__pwned=3">'),
    ])


def _wait_for(page, expression: str, timeout: float = 30.0) -> None:
    """Poll from here: page.wait_for_function evaluates its predicate with eval, which the page's
    Content-Security-Policy rightly refuses."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(50)


def _open(browser, path: Path, tmp_path: Path):
    """The page from file:// with every other request refused, and the console errors it logs."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    requests = []
    context.route("**/*", lambda route: (requests.append(route.request.url),
                                         route.continue_() if route.request.url.startswith("file:")
                                         else route.abort()))
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(path.as_uri())
    _wait_for(page, "window.geokg !== undefined && window.geokg.state.firstDrawn !== null")
    page.screenshot(path=str(tmp_path / (path.stem + ".png")))
    return context, page, errors, requests


def _hover_edge(page, sender: str, recipient: str) -> str:
    """Move the mouse onto the drawn edge sender -> recipient, as a reader would; the tooltip's text."""
    point = page.evaluate("""([from, to]) => {
        const g = window.geokg, edge = g.edges.get({ filter: (e) => e.from === from && e.to === to })[0];
        const p = g.network.canvasToDOM(g.network.body.edges[edge.id].edgeType.getPoint(0.5));
        const box = document.getElementById("graph").getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
    }""", [sender, recipient])
    page.mouse.move(point["x"] - 6, point["y"] - 6)
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector("#tip", state="visible")
    return page.text_content("#tip")


def _pairs(graph: EventGraph) -> set[tuple[str, str]]:
    return {(e.sender.id, e.recipient.id) for e in graph.events()}


def _visible_pairs(page) -> set[tuple[str, str]]:
    return {tuple(p) for p in page.evaluate("window.geokg.edges.get().map(e => [e.from, e.to])")}


def test_opens_offline_with_every_actor_and_pair(browser, tmp_path, seed_graph):
    g = seed_graph
    path = write_html(g, tmp_path / "graph.html")
    context, page, errors, requests = _open(browser, path, tmp_path)
    assert errors == []
    assert all(url.startswith("file:") for url in requests), requests
    assert page.evaluate("window.geokg.nodes.length") == g.number_of_actors()
    assert _visible_pairs(page) == _pairs(g)  # one edge per (sender, recipient), never one per event
    assert page.evaluate("window.geokg.edges.get().reduce((n, e) => n + e.count, 0)") == g.number_of_events()
    header = page.text_content("#counts")
    articles = len({ev.article_id for e in g.events() for ev in e.all_evidence})
    assert header == f"{g.number_of_events()} events · {g.number_of_actors()} actors · {articles} articles"
    labels = set(page.evaluate("window.geokg.nodes.get().map(n => n.label)"))
    assert labels == {a.name for a in g.actors()}
    context.close()


def test_an_empty_graph_still_opens(browser, tmp_path):
    path = write_html(EventGraph(), tmp_path / "empty.html")
    context, page, errors, _ = _open(browser, path, tmp_path)
    assert page.text_content("#counts") == "0 events · 0 actors · 0 articles"
    assert errors == []
    context.close()


def test_hovering_an_edge_lists_each_of_its_events(browser, tmp_path, seed_graph):
    g = seed_graph
    path = write_html(g, tmp_path / "graph.html")
    context, page, errors, _ = _open(browser, path, tmp_path)
    tip = _hover_edge(page, "PRK", "wagner-group")
    page.screenshot(path=str(tmp_path / "tooltip.png"))
    events = list(g.transfers(sender="PRK", recipient="wagner-group"))
    assert f"North Korea → Wagner Group: {len(events)} events" in tip
    for e in events:
        assert e.weapon.mention in tip and e.evidence.sentence in tip and e.status.value in tip
        assert e.date in tip and f"confidence {e.confidence}" in tip
        assert (e.evidence.title or e.evidence.article_id) in tip
    # Clicking pins the same list in a panel, where links can be followed.
    page.mouse.down()
    page.mouse.up()
    page.wait_for_selector("#panel", state="visible")
    assert "North Korea → Wagner Group" in page.text_content("#panel")
    assert errors == []
    context.close()


def test_category_and_status_filters_change_the_visible_edges(browser, tmp_path, seed_graph):
    g = seed_graph
    path = write_html(g, tmp_path / "graph.html")
    context, page, errors, _ = _open(browser, path, tmp_path)
    only_uav = _pairs(g) - {(e.sender.id, e.recipient.id) for e in g.events() if e.weapon.category.value != "uav"}
    assert only_uav  # the seeds have a drone-only pair, else this test shows nothing
    page.uncheck("input[name=category][value=uav]")
    assert _visible_pairs(page) == _pairs(g) - only_uav
    assert "showing" in page.text_content("#shown")
    page.check("input[name=category][value=uav]")
    page.click("#all-statuses")  # untick every status ...
    assert _visible_pairs(page) == set()
    page.check("input[name=status][value=planned]")  # ... then keep only the planned transfers
    assert _visible_pairs(page) == _pairs(g.filtered(status="planned"))
    hidden = page.evaluate("window.geokg.nodes.get({ filter: n => n.hidden }).length")
    assert hidden == g.number_of_actors() - g.filtered(status="planned").number_of_actors()
    page.screenshot(path=str(tmp_path / "planned.png"))
    assert errors == []
    context.close()


def test_date_range_filter_matches_the_query_api(browser, tmp_path, seed_graph):
    g = seed_graph
    path = write_html(g, tmp_path / "graph.html")
    context, page, errors, _ = _open(browser, path, tmp_path)
    for since, until in (("2023", ""), ("", "2022-12"), ("2023-03", "2023-06-12"), ("2030", "")):
        page.fill("#since", since)
        page.fill("#until", until)
        expected = g.filtered(since=since or None, until=until or None)
        assert _visible_pairs(page) == _pairs(expected), (since, until)
    page.fill("#since", "last year")  # unreadable: shown as invalid, filters nothing
    page.fill("#until", "")
    assert page.evaluate("document.getElementById('since').validity.valid") is False
    assert _visible_pairs(page) == _pairs(g)
    assert errors == []
    context.close()


def test_find_an_actor_selects_and_focuses_it(browser, tmp_path, seed_graph):
    path = write_html(seed_graph, tmp_path / "graph.html")
    context, page, errors, _ = _open(browser, path, tmp_path)
    page.fill("#find", "wagner")
    page.press("#find", "Enter")
    assert page.evaluate("window.geokg.network.getSelectedNodes()") == ["wagner-group"]
    panel = page.text_content("#panel")
    assert "Wagner Group (wagner-group)" in panel and "Receives from 1 actor" in panel
    page.fill("#find", "Narnia")
    page.press("#find", "Enter")
    assert "No actor matches" in page.text_content("#find-result")
    page.screenshot(path=str(tmp_path / "found.png"))
    assert errors == []
    context.close()


def test_physics_is_off_until_switched_on_and_then_settles(browser, tmp_path, seed_graph):
    path = write_html(seed_graph, tmp_path / "graph.html")
    context, page, errors, _ = _open(browser, path, tmp_path)
    enabled = "window.geokg.network.physics.physicsEnabled"
    assert page.evaluate(enabled) is False
    before = page.evaluate("window.geokg.network.getPositions()")
    page.check("#physics")
    assert page.evaluate(enabled) is True
    _wait_for(page, "window.geokg.state.stabilized > 0", timeout=60)
    assert "settled" in page.text_content("#physics-state")
    assert page.evaluate("window.geokg.network.getPositions()") != before  # it did move
    page.uncheck("#physics")
    assert page.evaluate(enabled) is False
    assert errors == []
    context.close()


def test_injected_markup_in_sentences_titles_and_names_runs_nothing(browser, tmp_path):
    path = write_html(_evil_graph(), tmp_path / "evil.html")
    context, page, errors, _ = _open(browser, path, tmp_path)
    tip = _hover_edge(page, "IRN", "odd group <x>")
    assert EVIL in tip and f"Title {EVIL}" in tip  # shown as text ...
    # ... with a link only for the http(s) address, whatever characters it holds
    links = page.evaluate("[...document.querySelectorAll('#tip a')].map(a => a.href)")
    assert links == ["https://example.org/a?b=%22%3E%3Cimg%20src=x%20onerror=%22window.__pwned=3%22%3E"]
    page.evaluate("window.geokg.network.emit('click', { nodes: [], edges: [0] })")
    assert EVIL in page.text_content("#panel")
    page.fill("#find", "odd")
    page.press("#find", "Enter")
    assert f"Odd {EVIL}" in page.text_content("#panel")
    page.screenshot(path=str(tmp_path / "evil-after.png"))
    # ... and never parsed as markup: nothing ran, and no element was made from it.
    assert page.evaluate("window.__pwned === undefined")
    assert page.evaluate("document.querySelectorAll('img, #tip script, #panel script').length") == 0
    assert errors == []  # a blocked script would show as a Content-Security-Policy error here
    context.close()


def test_data_block_cannot_close_its_script():
    html = to_html(_evil_graph())
    block = html.split('<script type="application/json" id="geokg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    data = json.loads(block)
    assert f"Title {EVIL}" in data["strings"] and f"Iran sent drones {EVIL} to them." in data["strings"]


def test_merged_reports_show_corroboration_and_every_source(browser, tmp_path):
    a, b = _actor("FRA", "France"), _actor("IDN", "Indonesia")
    second = Evidence(article_id="article-2", sentence="Indonesia received the Rafales.", start=0, end=31,
                      title="Second report", url="https://example.org/2", language="en")
    g = EventGraph([_event(1, a, b, category="aircraft", title="First report", url="https://example.org/1",
                           sources=[second])])
    path = write_html(g, tmp_path / "merged.html")
    context, page, errors, _ = _open(browser, path, tmp_path)
    assert "2 articles" in page.text_content("#counts")
    tip = _hover_edge(page, "FRA", "IDN")
    assert "reported by 2 articles" in tip and "First report" in tip and "+ 1 more source" in tip
    page.evaluate("window.geokg.network.emit('click', { nodes: [], edges: [0] })")
    panel = page.text_content("#panel")
    assert "First report" in panel and "Second report" in panel and "Indonesia received the Rafales." in panel
    assert page.evaluate("[...document.querySelectorAll('#panel a')].map(a => a.href)") == [
        "https://example.org/1", "https://example.org/2"]
    assert errors == []
    context.close()


def _many_pairs_graph(n_actors: int = 36) -> EventGraph:
    """Every ordered pair of n_actors with one event, and a few busy pairs: more pairs than the page opens on."""
    actors = [_actor(f"A{i:02d}", f"Actor {i}") for i in range(n_actors)]
    events, n = [], 0
    for s in actors:
        for r in actors:
            if s is not r:
                n += 1
                events.append(_event(n, s, r, date=f"{2000 + n % 20}-{n % 12 + 1:02d}",
                                     sentence=f"A long sentence to fill the page, number {n}. " * 4))
    for k in range(30):
        n += 1
        events.append(_event(n, actors[0], actors[k % 5 + 1], category="missiles"))
    return EventGraph(events)


def test_a_big_graph_stays_under_its_size_and_opens_on_its_busiest_pairs(browser, tmp_path):
    g = _many_pairs_graph()
    page_ = render_page(g, max_bytes=700_000)
    assert page_.size <= 700_000
    assert 0 < page_.detailed < page_.events
    path = tmp_path / "big.html"
    path.write_text(page_.html, encoding="utf-8")
    context, page, errors, _ = _open(browser, path, tmp_path)
    assert f"in it for {page_.detailed:,} of {page_.events:,} events" in page.text_content("#note")
    shown = page.evaluate("window.geokg.edges.length")
    assert 0 < shown <= 600 < len(_pairs(g))
    page.fill("#min-events", "1")
    assert page.evaluate("window.geokg.edges.length") == len(_pairs(g))
    # An event whose details did not fit still shows its category, status and date, and says why not more.
    tip = page.evaluate("window.geokg.pairTip(window.geokg.edges.getIds().at(-1), 6, false).textContent")
    assert "delivered" in tip and "not kept in this page (size limit)" in tip
    assert errors == []
    context.close()


def test_show_puts_the_page_in_a_sandboxed_iframe_for_notebooks(browser, tmp_path, seed_graph):
    shown = show(seed_graph, height=500)
    html = shown._repr_html_()
    assert html.strip().startswith("<iframe") and 'srcdoc="&lt;!DOCTYPE html&gt;' in html
    assert 'sandbox="allow-scripts ' in html  # the page's script runs, but apart from the notebook
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.set_content(html)
    frame = page.frames[1]
    _wait_for(frame, "window.geokg !== undefined && window.geokg.state.firstDrawn !== null")
    assert frame.evaluate("window.geokg.nodes.length") == seed_graph.number_of_actors()
    page.screenshot(path=str(tmp_path / "notebook.png"))
    assert errors == []
    context.close()


def test_the_page_is_the_same_whatever_the_hash_seed():
    """The layout must not follow Python's per-run set order: a rebuilt page should not move every actor."""
    code = ("import hashlib; from test_html import _many_pairs_graph; from geokg.export import to_html; "
            "print(hashlib.sha256(to_html(_many_pairs_graph(8)).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "tests")}
                              ).stdout for seed in ("1", "2")}
    assert len(digests) == 1


def geokg(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geokg.cli", *args], capture_output=True, text=True, cwd=cwd,
                          check=False)


def test_cli_export_html_from_articles_and_from_a_store(tmp_path):
    result = geokg("export", "html", "-o", str(tmp_path / "seeds.html"), str(SEEDS), "--sender", "north korea")
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout and "works offline" in result.stdout
    html = (tmp_path / "seeds.html").read_text(encoding="utf-8")
    assert "geokg: arms transfers (sender north korea)" in html

    ingest_paths([SEEDS], db=tmp_path / "geokg.db")
    result = geokg("export", "html", "-o", "prk.html", "--recipient", "RUS", "--since", "2023", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "prk.html").stat().st_size > 100_000


def test_cli_export_html_explains_what_went_wrong(tmp_path):
    assert "example" in geokg("export", "html", "--help").stdout
    assert "example" in geokg("export", "--help").stdout
    missing = geokg("export", "html", "-o", "x.html", cwd=tmp_path)
    assert missing.returncode == 2 and "geokg ingest" in missing.stderr
    unknown = geokg("export", "html", "-o", str(tmp_path / "x.html"), str(SEEDS), "--sender", "Narnia")
    assert unknown.returncode == 2 and "no actor 'Narnia'" in unknown.stderr
    assert geokg("export", "html", "-o", "x.html", "--since", "22", cwd=tmp_path).returncode == 2
    assert geokg("export", "html", "-o", "x.html", "--min-confidence", "7", cwd=tmp_path).returncode == 2
    assert not (tmp_path / "x.html").exists()
