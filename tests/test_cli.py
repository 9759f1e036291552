"""The `geokg` command end to end, in a subprocess as a user runs it."""
import json
import subprocess
import sys

import pytest
from rdflib import Graph

from conftest import SEEDS


def geokg(*args: str, stdin: str | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geokg.cli", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd, check=False)


@pytest.mark.parametrize("command", [[], ["extract"], ["build"], ["schema"]])
def test_every_command_explains_itself_with_an_example(command):
    result = geokg(*command, "--help")
    assert result.returncode == 0
    assert "example" in result.stdout


def test_build_writes_html_turtle_and_jsonl(tmp_path):
    result = geokg("build", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "events" in result.stdout and "->" in result.stdout
    events = [json.loads(line) for line in (tmp_path / "out" / "events.jsonl").read_text().splitlines()]
    assert len(events) > 10
    assert len(Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")) > 100
    assert (tmp_path / "out" / "graph.html").stat().st_size > 100_000


def test_build_reads_seeds_by_default_from_any_folder(tmp_path):
    result = geokg("build", "--out", "o", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "o" / "graph.html").exists()


def test_schema_prints_json_schema():
    schema = json.loads(geokg("schema").stdout)
    assert schema["title"] == "TransferEvent"


def test_table_format():
    result = geokg("extract", str(SEEDS / "kontan-korut-senjata-rusia.txt"), "--format", "table")
    assert result.returncode == 0 and "North Korea" in result.stdout


def test_bad_inputs_are_named_and_the_rest_goes_on(tmp_path):
    (tmp_path / "broken.jsonl").write_text('{"id": "ok", "text": "Iran sent drones to Russia last week.", '
                                           '"published": "2022-10-20"}\n{not json\n{"id": "empty"}\n')
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00\x81\x00")
    result = geokg("extract", str(tmp_path), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert "broken.jsonl:2" in result.stderr and "broken.jsonl:3" in result.stderr
    assert "binary.txt" in result.stderr and "missing.txt" in result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["sender"]["id"], e["recipient"]["id"]) for e in events] == [("IRN", "RUS")]


def test_usage_errors_exit_2():
    assert geokg("extract", "x.txt", "--published", "yesterday").returncode == 2
    assert geokg("extract", "x.txt", "--lang", "xx").returncode == 2


def test_unsupported_language_is_a_clear_warning(tmp_path):
    (tmp_path / "no.txt").write_text(
        "Dette er en artikkel om noe helt annet, og den er skrevet på norsk. Regjeringen sendte i fjor "
        "en ny pakke med nødhjelp til landet, men det var ingen våpen i den. Forsvarsministeren sa at det "
        "ikke er aktuelt å sende flere fly i år.")
    result = geokg("extract", str(tmp_path / "no.txt"))
    assert result.returncode == 1 and "not supported" in result.stderr


def test_unresolved_lists_unknown_names_near_triggers(tmp_path):
    (tmp_path / "a.txt").write_text("Norway sent Zorgblaster-9 launchers to Kyiv, Kongsbergia Defence said. "
                                    "Zorgblaster-9 systems were also shipped to Vilnius. The weather was fine.")
    result = geokg("extract", str(tmp_path / "a.txt"), "--unresolved", str(tmp_path / "u.tsv"))
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in (tmp_path / "u.tsv").read_text().splitlines()[1:]]
    assert rows[0][:3] == ["2", "designation", "Zorgblaster-9"]
    assert ["1", "name", "Kongsbergia Defence"] in [r[:3] for r in rows]
    assert not any(r[2] in ("Norway", "Kyiv", "The") for r in rows)


def test_two_workers_give_the_same_events_as_one(tmp_path):
    devset = str(SEEDS.parent / "tests" / "devset" / "tune" / "id.articles.jsonl")
    one = geokg("extract", str(SEEDS), devset)
    two = geokg("extract", str(SEEDS), devset, "--workers", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) > 50
