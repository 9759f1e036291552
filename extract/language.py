"""Tell which supported language a text is in, from each language's stopword list.

>>> detect_language("Korea Utara telah mengirim senjata ke Rusia dan akan mengirim lebih banyak.")
'id'
"""
from __future__ import annotations

import re
from collections import Counter

from .lexicon import load_lexicon, supported_languages

_WORD = re.compile(r"[^\W\d_]+")
# Below this many stopword hits a text is too short or in a language we have no folder for.
MIN_HITS = 3


def detect_language(text: str, candidates: list[str] | None = None) -> str | None:
    """The candidate language with the most stopword hits in the first few thousand characters, or None."""
    words = Counter(w.lower() for w in _WORD.findall(text[:5000]))
    scores = sorted(((sum(words[w] for w in load_lexicon(code).stopwords), code)
                     for code in candidates or supported_languages()), reverse=True)
    (best_hits, best), runner_up = scores[0], scores[1][0] if len(scores) > 1 else 0
    # A one-line text may hold a single stopword; a longer one must show several, and more than any rival.
    needed = min(MIN_HITS, max(1, sum(words.values()) // 8))
    return best if best_hits >= needed and best_hits > runner_up else None
