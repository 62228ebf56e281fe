"""Compare a rendered document's text with a seed's text, token by token.

The seeds are text extracted from real plans; their line breaks, page-number lines,
URLs and markdown marks are extraction artefacts, dropped before comparing.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def normalise_seed(text: str) -> str:
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if re.fullmatch(r"\d{1,3}", stripped):
            continue  # a page number on its own line
        if stripped in {"---"}:
            continue  # a markdown rule
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"\[([^\]]*)\]\((?:https?://)[^)]*\)", r"\1", text)  # markdown links keep their text
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"^\s*#+\s*", "", text, flags=re.MULTILINE)
    text = text.replace("*", " ")
    return normalise(text)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("–", "-").replace("—", "-")
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class Fidelity:
    recall: float  # share of the seed's tokens found, in order, in the output
    precision: float  # share of the output's tokens found in the seed
    seed_tokens: int
    output_tokens: int
    missing: list[str]  # the seed's runs of tokens the output lacks, for diagnosis


def compare(seed_text: str, output_text: str) -> Fidelity:
    seed = tokens(normalise_seed(seed_text))
    output = tokens(normalise(output_text))
    matcher = difflib.SequenceMatcher(None, seed, output, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    missing = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            missing.append(" ".join(seed[i1:i2]))
    return Fidelity(matched / max(len(seed), 1), matched / max(len(output), 1), len(seed), len(output), missing)
