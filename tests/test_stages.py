"""Each extraction stage on its own: cleaning, language, sentences, mentions, dates, roles, status."""
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from geokg.extract.clean import boilerplate_spans, mask_boilerplate
from geokg.extract.dates import find_dates
from geokg.extract.language import detect_language
from geokg.extract.lexicon import load_lexicon, supported_languages
from geokg.extract.mentions import find_mentions
from geokg.extract.roles import build_frames
from geokg.extract.sentences import split_sentences
from geokg.extract.status import read_status

ID, EN = load_lexicon("id"), load_lexicon("en")


def test_supported_languages_are_the_lexicon_folders():
    assert set(supported_languages()) >= {"en", "id"}
    with pytest.raises(ValueError, match="supported are"):
        load_lexicon("xx")


def test_boilerplate_run_on_headline_stops_at_the_sentence_that_follows():
    text = "Satu. Read also: Iran Denies Selling Drones Russia said on Monday it had enough."
    masked = mask_boilerplate(text, EN)
    assert len(masked) == len(text)
    assert "Iran Denies" not in masked and "Russia said on Monday" in masked


def test_boilerplate_headline_to_end_of_line():
    text = "A.\nBaca Juga: AS dan Korsel Rapatkan Barisan\nKorea Utara mengirim rudal."
    (start, end), = boilerplate_spans(text, ID)
    assert text[start:end] == "Baca Juga: AS dan Korsel Rapatkan Barisan"


@pytest.mark.parametrize("text, expected", [
    ("Korea Utara telah mengirim senjata ke Rusia, kata juru bicara itu kepada wartawan.", "id"),
    ("North Korea has sent weapons to Russia, the spokesman said on Monday.", "en"),
    ("Jeg liker fisk.", None),
])
def test_language_detection(text, expected):
    assert detect_language(text) == expected


def test_sentences_respect_abbreviations_and_keep_offsets():
    text = "Mr. Kim said the U.S. Army left. Rusia menerima drone.\nHeading\nNext one."
    spans = split_sentences(text, EN.abbreviations)
    assert [text[s:e] for s, e in spans] == [
        "Mr. Kim said the U.S. Army left.", "Rusia menerima drone.", "Heading", "Next one."]


def test_long_prose_line_broken_mid_phrase_is_one_sentence():
    text = ("Kami khawatir DPRK berencana mengirimkan lebih banyak peralatan militer ke Rusia, kata seorang juru "
            "bicara kepada\nReuters hari Senin (12/6).")
    assert len(split_sentences(text, ID.abbreviations)) == 1


def test_mentions_are_whole_words_and_case_exact_where_the_data_says():
    text = "AS menjual rudal ke Taiwan. Pasukan kita as well."
    kinds = [(m.kind, m.text) for m in find_mentions(text, ID)]
    assert ("actor", "AS") in kinds and ("actor", "as") not in kinds
    assert ("weapon", "rudal") in kinds and ("trigger", "menjual") in kinds
    # "Prancis" is the Indonesian name of France from CLDR; "rudalnya" is not "rudal" plus a word boundary.
    found = find_mentions("Prancis mengirim rudalnya.", ID)
    assert [(m.kind, m.payload[0].actor_id) for m in found if m.kind == "actor"] == [("actor", "FRA")]


@pytest.mark.parametrize("text, lexicon, expected", [
    ("pada November 2022", ID, ("2022-11", "month")),
    ("hari Senin (12/6)", ID, ("2023-06-12", "day")),
    ("pada bulan Maret", ID, ("2023-03", "month")),
    ("pekan lalu", ID, ("2023-06-06", "day")),
    ("on Monday (June 12)", EN, ("2023-06-12", "day")),
    ("on June 12, 2023", EN, ("2023-06-12", "day")),
    ("last month", EN, ("2023-05", "month")),
    ("in 2021", EN, ("2021", "year")),
    ("in December", EN, ("2022-12", "month")),
    ("on 2023-01-05", EN, ("2023-01-05", "day")),
    ("two weeks ago", EN, ("2023-05-30", "day")),
    ("3 years ago", EN, ("2020", "year")),
    ("dua pekan lalu", ID, ("2023-05-30", "day")),
    ("sejak Juni tahun lalu", ID, ("2022-06", "month")),
    ("in May, as Iran may send more", EN, ("2023-05", "month")),
    ("said on Tuesday", EN, ("2023-06-13", "day")),  # published on a Tuesday: that day
    ("said on Monday", EN, ("2023-06-12", "day")),
    ("pada hari Minggu, dalam beberapa minggu", ID, ("2023-06-11", "day")),
    ("in August last year", EN, ("2022-08", "month")),
    ("pada 12 Maret tahun ini", ID, ("2023-03-12", "day")),
    ("tiga bulan yang lalu", ID, ("2023-03", "month")),
])
def test_dates_resolve_against_publication_at_their_precision(text, lexicon, expected):
    found = find_dates(text, find_mentions(text, lexicon), lexicon, date(2023, 6, 13))
    assert [(d.value, d.precision) for d in found] == [expected]


def _frame(text, lexicon):
    frames = build_frames(text, 0, len(text), find_mentions(text, lexicon), lexicon)
    return [(f.sender.actor_id if f.sender else None, f.recipient.actor_id if f.recipient else None,
             f.kind.frame, f.voice) for f in frames]


@pytest.mark.parametrize("text, lexicon, expected", [
    ("Iran sent drones to Russia.", EN, ("IRN", "RUS", "give", "active")),
    ("Drones were sent to Russia by Iran.", EN, ("IRN", "RUS", "give", "passive")),
    ("Russia received drones from Iran.", EN, ("IRN", "RUS", "receive", "active")),
    ("The US supplied Ukraine with HIMARS launchers.", EN, ("USA", "UKR", "give", "active")),
    ("Russia asked North Korea for artillery shells.", EN, ("PRK", "RUS", "request", "active")),
    ("Iranian-made drones were delivered to Russia.", EN, ("IRN", "RUS", "give", "passive")),
    ("Pyongyang shipped rockets to the Kremlin-backed Wagner Group.", EN, ("PRK", "wagner-group", "give", "active")),
    ("Indonesia membeli drone dari Turki.", ID, ("TUR", "IDN", "receive", "active")),
    ("Rudal itu dikirim oleh Prancis ke Indonesia.", ID, ("FRA", "IDN", "give", "passive")),
    ("Rusia menerima drone buatan Iran.", ID, ("IRN", "RUS", "receive", "active")),
    ("Korea Utara menyelesaikan pengiriman roket ke kelompok tentara bayaran Wagner.", ID,
     ("PRK", "wagner-group", "give", "nominal")),
    ("Kyiv has asked Berlin to send Taurus missiles.", EN, ("DEU", "UKR", "give", "active")),
    ("Germany halted arms exports to Saudi Arabia.", EN, ("DEU", "SAU", "give", "active")),
    ("Turkey offered to sell Bayraktar TB2 drones to Poland.", EN, ("TUR", "POL", "give", "active")),
    ("Rusia menerima pasokan drone Shahed dari Iran.", ID, ("IRN", "RUS", "receive", "active")),
    ("Sebanyak 12 jet tempur Rafale diserahkan Prancis kepada Indonesia.", ID, ("FRA", "IDN", "give", "passive")),
    ("Pasokan senjata AS untuk Ukraina tertunda.", ID, ("USA", "UKR", "give", "nominal")),
    ("Washington is weighing a request from Taipei for more Harpoon missiles.", EN,
     ("USA", "TWN", "request", "nominal")),
    ("Beijing had offered Islamabad J-35 fighters at a discount.", EN, ("CHN", "PAK", "offer", "active")),
    ("Poland bought K2 tanks from South Korea's Hyundai Rotem, which delivered them to Warsaw.", EN,
     ("KOR", "POL", "receive", "active")),
])
def test_roles(text, lexicon, expected):
    assert _frame(text, lexicon) == [expected]


def test_no_frame_without_a_weapon():
    assert _frame("Kim mengirim surat ucapan selamat ke Rusia.", ID) == []


@pytest.mark.parametrize("frame, trigger_status, cues, expected", [
    ("give", None, [], "delivered"),
    ("give", "planned", [], "planned"),
    ("give", None, ["planned"], "planned"),
    ("receive", None, ["requested"], "requested"),
    ("give", None, ["denied", "delivered"], "denied"),
    ("give", None, ["negation"], "denied"),
    ("give", None, ["cancelled", "planned"], "cancelled"),
    ("offer", None, ["planned"], "offered"),
    ("request", None, ["delivered"], "requested"),
])
def test_status(frame, trigger_status, cues, expected):
    assert read_status(frame, trigger_status, cues) == expected


@pytest.mark.parametrize("text, lexicon, expected", [
    ("Turkey offered to sell Bayraktar TB2 drones to Poland.", EN, "offered"),
    ("Kyiv has asked Berlin to send Taurus missiles.", EN, "requested"),
    ("The sale of 40 F-16 jets to Turkey was approved by the State Department.", EN, "planned"),
    ("Sweden is considering sending Gripen fighter jets to Ukraine.", EN, "planned"),
    ("Iran membantah telah memasok drone ke Rusia.", ID, "denied"),
    ("Taiwan membatalkan pembelian howitzer dari AS.", ID, "cancelled"),
    ("Rusia secara aktif berusaha untuk mendapatkan senjata dari Pyongyang.", ID, "requested"),
])
def test_status_in_context(text, lexicon, expected):
    from geokg.extract import extract_articles
    from geokg.graph import Article

    (event,) = extract_articles([Article(id="t", text=text, published="2023-06-13", language=lexicon.code)])
    assert event.status.value == expected


@pytest.mark.parametrize("text, language", [
    ("Russian forces fired Kalibr cruise missiles at Kyiv on Monday, Ukraine's air force said.", "en"),
    ("The United States deployed F-22 fighter jets to Poland for a NATO exercise.", "en"),
    ("North Korea launched a Hwasong-18 intercontinental ballistic missile into the sea.", "en"),
    ("Rheinmetall will build a new ammunition factory in Ukraine.", "en"),
    ("Hamas fighters used North Korean-made rocket-propelled grenades in the attack.", "en"),
    ("Kim mengirim surat ucapan selamat kepada Putin.", "id"),
    ("Indonesia dan Australia menggelar latihan militer bersama di Darwin.", "id"),
    ("PT Pindad memproduksi 500 unit senapan serbu SS2 untuk TNI.", "id"),
    ("Pemerintah Jepang mengirim kapal perusak ke Laut China Selatan untuk berpatroli.", "id"),
])
def test_no_event_from_attacks_tests_production_or_deployments(text, language):
    from geokg.extract import extract_articles
    from geokg.graph import Article

    assert extract_articles([Article(id="t", text=text, published="2023-06-13", language=language)]) == []


@pytest.mark.parametrize("text, language", [
    ('"We have sent several hundred Brimstone missiles to Ukraine," Britain\'s armed forces minister said.', "en"),
    ('"Kami telah mengirim rudal ke Ukraina," kata Menteri Pertahanan Inggris.', "id"),
])
def test_we_in_a_quote_is_the_speaker(text, language):
    from geokg.extract import extract_articles
    from geokg.graph import Article

    events = extract_articles([Article(id="t", text=text, published="2023-06-16", language=language)])
    assert [(e.sender.id, e.recipient.id, e.weapon.category.value) for e in events] == [("GBR", "UKR", "missiles")]


def test_actors_joined_by_and_share_a_role():
    from geokg.extract import extract_articles
    from geokg.graph import Article

    text = "Kyiv has received its first F-16 fighter jets from Denmark and the Netherlands."
    events = extract_articles([Article(id="t", text=text, published="2024-08-06", language="en")])
    assert {(e.sender.id, e.recipient.id) for e in events} == {("DNK", "UKR"), ("NLD", "UKR")}


def test_a_pronoun_opening_a_sentence_continues_the_previous_subject():
    from geokg.extract import extract_articles
    from geokg.graph import Article

    text = ("Poland took delivery of 14 Abrams tanks from the United States on Monday. "
            "It has given Kyiv more than 300 T-72 tanks from its own stocks.")
    events = extract_articles([Article(id="t", text=text, published="2023-07-04", language="en")])
    assert {(e.sender.id, e.recipient.id) for e in events} == {("USA", "POL"), ("POL", "UKR")}


LEXICON_FILES = sorted(p for p in (Path(__file__).parent.parent / "extract" / "lexicons").rglob("*.tsv")
                       if p.name != "officials.tsv")  # office-holders repeat, one row a term of office


@pytest.mark.parametrize("path", LEXICON_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_lexicon_file_lists_a_form_twice(path):
    # The first row of a form wins (lexicon._build_automaton): a second one would be dead data.
    forms = [line.split("\t")[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines()[1:]
             if line.strip() and not line.startswith("#")]
    assert sorted(f for f, n in Counter(forms).items() if n > 1) == []
