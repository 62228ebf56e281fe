"""Text extracted from a PDF or a web page loses its artefacts, never its words."""

from __future__ import annotations

from cchc_docgen.importer.clean import text_lines


def _texts(raw: str) -> list[str]:
    return [line.text for line in text_lines(raw)]


def test_page_numbers_rules_and_markdown_marks_are_dropped() -> None:
    raw = "## **I. MỤC ĐÍCH, YÊU CẦU**\n\n12\n\n---\n\n*Căn cứ Luật Tổ chức chính quyền địa phương;*\n"
    assert _texts(raw) == ["I. MỤC ĐÍCH, YÊU CẦU", "Căn cứ Luật Tổ chức chính quyền địa phương;"]


def test_a_paragraph_broken_over_lines_is_joined_and_a_heading_is_not() -> None:
    raw = (
        "1. Mục đích \n\n"
        "Đảm bảo triển khai toàn diện, hiệu quả, hoàn thành các chỉ tiêu, nhiệm vụ \n\n"
        "cải cách hành chính năm 2021 theo tinh thần Quyết định số 4003/QĐ-UBND ngày \n\n"
        "31/12/2020 của UBND tỉnh Quảng Nam. \n"
        "- Tiếp tục nâng cao sự phục vụ của cơ quan nhà nước đối với người dân, tổ\n"
        "chức và doanh nghiệp.\n"
    )
    assert _texts(raw) == [
        "1. Mục đích",
        "Đảm bảo triển khai toàn diện, hiệu quả, hoàn thành các chỉ tiêu, nhiệm vụ cải cách hành chính năm 2021 "
        "theo tinh thần Quyết định số 4003/QĐ-UBND ngày 31/12/2020 của UBND tỉnh Quảng Nam.",
        "- Tiếp tục nâng cao sự phục vụ của cơ quan nhà nước đối với người dân, tổ chức và doanh nghiệp.",
    ]


def test_header_columns_run_together_with_spaces_are_split_and_a_justified_line_is_not() -> None:
    raw = "   Số: 53/KH-UBND      Thăng Bình, ngày 14 tháng 01 năm 2021 \nCác cơ quan    phối hợp thực hiện kế hoạch.\n"
    assert _texts(raw) == ["Số: 53/KH-UBND", "Thăng Bình, ngày 14 tháng 01 năm 2021", "Các cơ quan phối hợp thực hiện kế hoạch."]


def test_a_signers_name_run_into_the_recipients_column_is_split_off_whatever_capital_it_starts_with() -> None:
    for name in ("Nguyễn Văn Bình", "Nguyễn Văn Út", "Trần Thị Ánh", "Lê Ích Khiêm", "Phạm Thị Ý", "Đỗ Ứng"):
        assert _texts(f"- Lưu: VT.          {name}\n") == ["- Lưu: VT.", name], name
