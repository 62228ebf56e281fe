"""A syllable's lookup key: lower case, its tone mark moved to the end.

Vietnamese writes the same syllable with its tone on either vowel ("ủy" and "uỷ", "hòa" and
"hoà"); dictionaries and drafters do not agree, so words are looked up by the letters with
their vowel marks (â, ơ, ư …) and the tone written once after them. Nothing here is heavy:
``linebreak`` stays cheap to import.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# -- the five tone marks as combining characters (grave, acute, tilde, hook above, dot below) --
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


@lru_cache(maxsize=8192)
def syllable_key(syllable: str) -> str:
    """'Ủy' and 'uỷ' → the same key; punctuation and emphasis marks are not part of it."""
    tone = ""
    kept = []
    for char in unicodedata.normalize("NFD", syllable.lower()):
        if char in _TONES:
            tone = char
        elif char.isalnum() or unicodedata.combining(char):
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def phrase_key(words: str) -> str:
    """The key of a phrase: its syllables' keys joined by single spaces."""
    return " ".join(syllable_key(part) for part in words.split())
