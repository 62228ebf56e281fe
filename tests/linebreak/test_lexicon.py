"""The lexicon: underthesea's dictionary, shipped compact, read only when a word is looked up."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cchc_docgen.linebreak import build_lexicon, lexicon
from cchc_docgen.linebreak.keys import phrase_key, syllable_key


def test_the_shipped_lexicon_is_what_the_script_extracts_from_underthesea() -> None:
    shipped = (build_lexicon.HERE / "words.txt").read_text(encoding="utf-8")
    assert shipped == build_lexicon.grouped(build_lexicon.lexicon_words())


def test_a_syllable_is_looked_up_whichever_vowel_carries_its_tone() -> None:
    assert syllable_key("Ủy") == syllable_key("uỷ") and syllable_key("hòa") == syllable_key("hoà")
    assert syllable_key("ban,") == syllable_key("ban") != syllable_key("bàn")


def test_words_and_the_names_of_bodies_are_in_the_lexicon() -> None:
    for word in (
        "cải cách",
        "hành chính",
        "thường xuyên",
        "rà soát",
        "hoàn thành",
        "môi trường",
        "ủy ban nhân dân",
        "uỷ ban nhân dân",
        "hồ chí minh",
    ):
        assert lexicon.is_word(tuple(phrase_key(word).split())), word
    for not_a_word in ("nghiệp và", "chủ trì năm", "cách hành"):
        assert not lexicon.is_word(tuple(phrase_key(not_a_word).split())), not_a_word


def test_importing_line_breaking_reads_no_file_and_imports_no_segmenter() -> None:
    code = (
        "import sys, builtins, json; opened = []; real = builtins.open\n"
        "builtins.open = lambda f, *a, **k: (opened.append(str(f)), real(f, *a, **k))[1]\n"
        "import cchc_docgen.linebreak.layout, cchc_docgen.view\n"
        "print(json.dumps({'opened': [f for f in opened if f.endswith('words.txt')], 'underthesea': 'underthesea' in sys.modules}))"
    )
    found = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert found == {"opened": [], "underthesea": False}


def test_every_extracted_word_is_found_and_only_under_its_first_syllable() -> None:
    words = build_lexicon.lexicon_words()
    assert all(lexicon.is_word(tuple(word.split())) for word in words)
    firsts = {word.partition(" ")[0] for word in words}
    assert all(lexicon.starts_word(first) for first in firsts)
    # -- the rests of one syllable are not read as another's: "cải" + "cách" is a word, "cách" + "cải" is not --
    for word in ("cải cách", "hành chính", "rà soát"):
        keys = tuple(phrase_key(word).split())
        assert lexicon.is_word(keys) and not lexicon.is_word(keys[::-1]), word


def test_the_lexicon_reads_the_same_from_a_checkout_with_crlf_line_ends() -> None:
    shipped = (build_lexicon.HERE / "words.txt").read_bytes()
    plain, crlf = lexicon.Groups(shipped), lexicon.Groups(shipped.replace(b"\n", b"\r\n"))
    assert crlf.firsts == plain.firsts and len(plain.firsts) > 5000
    assert all(crlf.rests(first) == plain.rests(first) for first in plain.firsts)


def test_a_lexicon_whose_offsets_do_not_match_its_syllables_is_refused() -> None:
    shipped = (build_lexicon.HERE / "words.txt").read_bytes()
    firsts, offsets, rests = shipped.split(b"\n", 2)
    with pytest.raises(ValueError, match="offset"):
        lexicon.Groups(b"\n".join((firsts, offsets[: -lexicon.OFFSET_DIGITS], rests)))


def test_only_whole_words_are_words() -> None:
    # -- a group is searched as text ('|cách|tạo|…|'): a part of a word, two rests run together,
    # an empty rest or a lone syllable must not pass for a word --
    first, rest = phrase_key("cải cách").split()
    assert lexicon.is_word((first, rest))
    assert not lexicon.is_word((first, rest[:-1]))
    assert not lexicon.is_word((first, f"{rest}|{rest}"))
    assert not lexicon.is_word((first, ""))
    assert not lexicon.is_word((first,))
    assert lexicon.is_word(tuple(phrase_key("ủy ban nhân dân").split()))  # -- a name of NAMES, beside the dictionary's words --
