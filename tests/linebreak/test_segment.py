"""Which spaces of a line may break: never inside a word, a name or a reference."""

from __future__ import annotations

from cchc_docgen.linebreak import NB_HYPHEN, NBSP
from cchc_docgen.linebreak.segment import joined, segment


def _glued(text: str, *, words: bool = True, names: tuple[str, ...] = ()) -> list[str]:
    """The runs a line keeps together."""
    return joined(segment(text, words=words, names=names), set()).split(" ")


def test_words_names_and_bodies_stay_whole_in_a_centred_line() -> None:
    runs = _glued("Kèm theo Kế hoạch của Ủy ban nhân dân xã An Thới Đông")
    assert f"Ủy{NBSP}ban{NBSP}nhân{NBSP}dân" in runs
    assert f"xã{NBSP}An{NBSP}Thới{NBSP}Đông" in runs
    assert f"Kế{NBSP}hoạch" in runs and f"Kèm{NBSP}theo" in runs


def test_a_name_in_capitals_is_kept_whole_when_the_specification_names_it() -> None:
    assert f"XÃ{NBSP}AN{NBSP}THỚI{NBSP}ĐÔNG" in _glued("ỦY BAN NHÂN DÂN XÃ AN THỚI ĐÔNG", names=("An Thới Đông",))


def test_a_reference_stays_on_one_line_with_a_non_breaking_hyphen() -> None:
    runs = _glued("theo Quyết định số 12/QĐ-UBND ngày 05/01/2026", words=False)
    assert f"số{NBSP}12/QĐ{NB_HYPHEN}UBND" in runs and f"ngày{NBSP}05/01/2026" in runs


def test_body_text_keeps_its_ordinary_words_breakable() -> None:
    # -- justified text spreads at ordinary spaces: only names and references are glued --
    runs = _glued("tiếp tục cải cách hành chính tại huyện Phú Quốc.", words=False)
    assert runs[:4] == ["tiếp", "tục", "cải", "cách"]
    assert f"huyện{NBSP}Phú{NBSP}Quốc." in runs


def test_a_drafters_blanks_are_kept_as_typed() -> None:
    text = "Số:       /QĐ-UBND"
    assert joined(segment(text, words=True), set()).replace(NB_HYPHEN, "-") == text
