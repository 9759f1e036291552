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
MIN_SHARE = 0.1


def detect_language(text: str, candidates: list[str] | None = None) -> str | None:
    """The candidate language with the most stopword hits in the first few thousand characters, or None."""
    words = Counter(w.lower() for w in _WORD.findall(text[:5000]))
    scores = sorted(((sum(words[w] for w in load_lexicon(code).stopwords), code)
                     for code in candidates or supported_languages()), reverse=True)
    (best_hits, best), runner_up = scores[0], scores[1][0] if len(scores) > 1 else 0
    # In real text of a language a tenth of the words or more are its stopwords; a foreign text shares a few
    # short words by chance ("en", "a") but far fewer. A one-line text may hold a single stopword.
    total = sum(words.values())
    enough = best_hits >= min(MIN_HITS, max(1, total // 8)) and best_hits >= MIN_SHARE * total
    return best if enough and best_hits > runner_up else None
