"""Line breaking as a careful clerk does it (issue 15): centred and short lines broken between
words, never inside a word or a name, balanced, never one syllable alone on a last line;
names and references in body text kept on one line.

It works on the view's strings, before any rendering: breaks become "\\n" (written as
``<w:br/>``), glued spaces U+00A0 and the hyphen of a reference U+2011 (written as
``<w:noBreakHyphen/>``), so Word and LibreOffice lay the lines out the same. Modules:
``keys`` (syllable lookup keys), ``lexicon`` (the words, read lazily from ``words.txt``,
extracted from underthesea's dictionary by ``build_lexicon``), ``segment`` (which spaces may
break), ``choose`` (where a centred line breaks), ``layout`` (each paragraph's width and face).
Importing this package reads no file and imports nothing heavy.
"""

from __future__ import annotations

from .segment import NB_HYPHEN, NBSP

__all__ = ["NBSP", "NB_HYPHEN"]
