"""Properties over arbitrary input: the extractor never raises, offsets always point into the text, and every
event it emits validates against the contract."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geokg.extract import RulesExtractor
from geokg.graph import Article, TransferEvent

# Fragments that make real events likely, mixed with arbitrary Unicode so that odd text sits next to them.
FRAGMENTS = ["Iran", "Rusia", "North Korea", "the Kremlin", "sent", "mengirim", "received", "menerima", "drones",
             "rudal", "Shahed-136", "HIMARS", "to", "ke", "from", "dari", "by", "oleh", "will", "akan", "denied",
             "membantah", "last month", "Senin (12/6)", "Baca Juga:", "Read also:", ".", ",", "\n", "(", ")", "'s",
             "-backed", "and", "dan", "It", "which", "İ", "ß", "\u0301", "👍"]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, language=st.sampled_from(["en", "id", "fr"]))
def test_extractor_never_raises_and_events_point_into_the_text(text, language):
    article = Article(id="prop", text=text, language=language, published="2023-06-13")
    for event in RulesExtractor().extract(article):
        ev = event.evidence
        assert 0 <= ev.start < ev.end <= len(text)
        assert text[ev.start:ev.end] == ev.sentence
        TransferEvent.model_validate(event.model_dump())
        assert event.sender.id != event.recipient.id


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=400))
def test_arbitrary_unicode_in_any_supported_language(text):
    for language in ("en", "id"):
        RulesExtractor(language).extract(Article(id="u", text=text or " ", published="2020-01-01"))
