"""Regenerate ``words.txt``, the compact lexicon line breaking reads, from underthesea's
dictionary (Viet74K, Apache-2.0; see ``LICENSE-underthesea.txt``).

Run once when underthesea's dictionary changes: ``python -m cchc_docgen.linebreak.build_lexicon``
(needs the ``linebreak`` extra). The renderer never imports underthesea: loading its models
costs about a second, the lexicon a millisecond or two.
"""

from __future__ import annotations

import argparse
import importlib.resources
import sys
from pathlib import Path

from .keys import phrase_key
from .lexicon import OFFSET_DIGITS

HERE = Path(__file__).parent
MAX_SYLLABLES = 6  # -- longer entries are idioms and proverbs, never a unit of a title --


def lexicon_words() -> list[str]:
    """Every multi-syllable word of Viet74K made of letters only, as lookup keys, sorted."""
    source = importlib.resources.files("underthesea") / "corpus" / "data" / "Viet74K.txt"
    keys: set[str] = set()
    for line in source.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not 2 <= len(parts) <= MAX_SYLLABLES or not all(part.isalpha() for part in parts):
            continue
        keys.add(phrase_key(line))
    return sorted(keys)


def grouped(words: list[str]) -> str:
    """The words by first syllable, as ``lexicon.Groups`` reads them: a line of the first
    syllables ('cai\u0309<TAB>…'), a line of each one's offset (the UTF-8 byte where its line of
    rests starts, after these two lines, then where the last ends), then each one's rests on a
    line of its own, in the same order ('cach\u0301|tao\u0323|…'). Loading then splits one
    line, not 5,500 nor 62,000 words; a first syllable's rests are cut out when first looked up."""
    groups: dict[str, list[str]] = {}
    for word in words:
        first, _, rest = word.partition(" ")
        groups.setdefault(first, []).append(rest)
    ordered = sorted(groups.items())
    lines = [f"{'|'.join(rests)}\n" for _, rests in ordered]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode("utf-8")))
    if offsets[-1] >= 16**OFFSET_DIGITS:
        raise ValueError(f"the rests outgrow {OFFSET_DIGITS} hexadecimal digits of offset")
    header = "\t".join(first for first, _ in ordered) + "\n" + "".join(f"{offset:0{OFFSET_DIGITS}x}" for offset in offsets) + "\n"
    return header + "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=HERE / "words.txt")
    args = parser.parse_args(argv)
    words = lexicon_words()
    args.output.write_text(grouped(words), encoding="utf-8", newline="\n")
    print(f"{len(words)} words, {args.output.stat().st_size:,} bytes → {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
