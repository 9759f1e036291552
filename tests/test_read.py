"""Reading inputs: text with sidecar metadata, HTML through trafilatura, JSON and JSONL records."""
import json
from datetime import date

from geokg.extract import InputProblem, read_paths
from geokg.graph import Article

from conftest import SEED


def test_txt_takes_its_sidecar_metadata():
    (article,) = read_paths([SEED.with_suffix(".txt")])
    assert article.id == "kontan-korut-senjata-rusia"
    assert article.published == date(2023, 6, 13) and article.language == "id"


def test_published_override():
    (article,) = read_paths([SEED.with_suffix(".txt")], published=date(2020, 1, 1))
    assert article.published == date(2020, 1, 1)


def test_html_article(tmp_path):
    body = " ".join(["Iran sent Shahed-136 drones to Russia last month, officials said."] * 5)
    (tmp_path / "page.html").write_text(
        "<html><head><title>Drones for Moscow</title><meta property='article:published_time' "
        f"content='2022-10-20'></head><body><nav>Home | World</nav><article><h1>Drones for Moscow</h1>"
        f"<p>{body}</p></article><footer>Copyright</footer></body></html>")
    (article,) = read_paths([tmp_path / "page.html"])
    assert isinstance(article, Article)
    assert "Shahed-136" in article.text and "Copyright" not in article.text
    assert article.title == "Drones for Moscow"


def test_json_list_and_record_ids(tmp_path):
    records = [{"id": "a", "text": "one"}, {"text": "two", "published": "13 June 2023"}]
    (tmp_path / "many.json").write_text(json.dumps(records))
    articles = list(read_paths([tmp_path / "many.json"]))
    assert [a.id for a in articles] == ["a", "many-1"]
    assert articles[1].published == date(2023, 6, 13)


def test_problems_are_values_not_exceptions(tmp_path):
    (tmp_path / "bad.json").write_text("{")
    (tmp_path / "nodate.jsonl").write_text(json.dumps({"text": "x", "published": "not a date"}) + "\n")
    problems = [p for p in read_paths([tmp_path]) if isinstance(p, InputProblem)]
    assert {p.path.split("/")[-1] for p in problems} == {"bad.json", "nodate.jsonl"}
    assert all(str(p) for p in problems)


def test_sidecars_and_gold_files_are_not_articles():
    ids = [a.id for a in read_paths([SEED.parent]) if isinstance(a, Article)]
    assert not any(i.endswith((".meta", ".gold")) for i in ids) and "kontan-korut-senjata-rusia" in ids


def test_other_encodings_are_read(tmp_path):
    text = "Rusia menerima drone dari Iran pada bulan lalu, kata pejabat itu — café."
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252", errors="replace"))
    (tmp_path / "b.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "c.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    articles = list(read_paths([tmp_path]))
    assert all(isinstance(a, Article) for a in articles)
    assert [a.text.startswith("Rusia menerima") for a in articles] == [True, True, True]
    assert "café" in articles[1].text and "café" in articles[2].text


def test_binary_and_empty_files_are_named(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"%PDF-1.4\x00\x00\x01")
    (tmp_path / "empty.txt").write_text("  \n")
    problems = {p.path.split("/")[-1]: p.message for p in read_paths([tmp_path]) if isinstance(p, InputProblem)}
    assert "binary" in problems["bin.txt"] and "empty" in problems["empty.txt"]


def test_a_sentence_case_headline_on_its_own_line_is_boilerplate():
    from geokg.extract.clean import mask_boilerplate
    from geokg.extract.lexicon import load_lexicon
    text = ("Peru signed the deal.\n\nRead also: Chile receives last of its upgraded F-16s from Lockheed Martin\n\n"
            "The ministry said so.")
    masked = mask_boilerplate(text, load_lexicon("en"))
    assert len(masked) == len(text) and "Chile" not in masked and "The ministry said so." in masked
