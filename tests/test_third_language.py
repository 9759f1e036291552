"""A third language is a folder of data: French (extract/lexicons/fr/) works with no Python of its own."""
from geokg.extract import extract_articles
from geokg.extract.language import detect_language
from geokg.extract.lexicon import LEXICON_DIR, supported_languages
from geokg.graph import Article

ARTICLE = (
    "PARIS - La France a livré des canons Caesar et des missiles à l'Ukraine le mois dernier, a déclaré le "
    "ministère des Armées mardi.\n\nLire aussi : La Russie Teste Un Nouveau Missile Hypersonique\n\n"
    "La Russie a reçu des drones iraniens de Téhéran. Le président français a visité une usine "
    "d'obus à Bourges, sans annoncer de nouvelle livraison."
)


def test_french_is_a_folder_of_data():
    assert "fr" in supported_languages()
    assert {p.suffix for p in (LEXICON_DIR / "fr").iterdir()} <= {".toml", ".tsv"}


def test_french_article_is_detected_and_extracted():
    assert detect_language(ARTICLE) == "fr"
    events = extract_articles([Article(id="fr-1", text=ARTICLE, published="2023-06-13")])
    got = {(e.sender.id, e.recipient.id, e.weapon.category.value, e.status.value, e.date) for e in events}
    assert got == {("FRA", "UKR", "artillery", "delivered", "2023-05"),
                   ("FRA", "UKR", "missiles", "delivered", "2023-05"),
                   ("IRN", "RUS", "uav", "delivered", "2023-06-13")}
    assert all(e.evidence.language == "fr" and "Hypersonique" not in e.evidence.sentence for e in events)
