"""Write docs/errors.md: every error class a drafter can meet, with the message it prints.

No message in that page is typed by hand. Each row runs the command on one bad input in
tests/data/bad/ (one file per error class, named after it, whose first line says what is
wrong) and copies what the command printed; the rule table runs ``check`` on
tests/data/bad/rules/. tests/test_cli_errors.py fails when the page is out of date.

    python tests/support/error_table.py           # rewrite docs/errors.md
    python tests/support/error_table.py --check   # exit 1 when docs/errors.md is stale
"""

from __future__ import annotations

import contextlib
import html
import io
import re
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cchc_docgen import cli
from cchc_docgen.checks import RULES, check_files
from cchc_docgen.errors import ERROR
from cchc_docgen.rendering import default_template
from cchc_docgen.spec.loader import MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
TEMPLATES = BAD / "templates"
RULE_CASES = BAD / "rules"
TABLES = BAD / "tables"
TABLE_MODEL = ROOT / "tests" / "data" / "batch" / "mau.yaml"
# A batch table (batch --bang) with one thing wrong; a CSV file has no room for a description line.
TABLE_CASES = {
    "unclosed-quote.csv": "Bảng: dấu nháy kép mở không đóng; dòng đó báo lỗi, các dòng sau vẫn được tạo.",
    "cell-over-several-lines.csv": "Bảng: một ô kéo dài qua nhiều dòng (thường do thiếu dấu nháy kép đóng).",
    "too-many-cells.csv": "Bảng: dòng nhiều ô hơn số cột (dấu phẩy trong ô không có dấu nháy kép).",
    "short-row.csv": "Bảng: dòng thiếu ô.",
    "unreadable-list-cell.csv": "Bảng: ô viết như danh sách YAML nhưng không đọc được.",
    "header-typo.csv": "Bảng: tên cột là khóa không có trong đặc tả (báo một lần ở dòng tên cột).",
    "header-not-a-key-path.csv": "Bảng: tên cột không phải đường dẫn khóa.",
    "header-only.csv": "Bảng chỉ có dòng tên cột, không có dòng dữ liệu.",
    "row-not-a-mapping.yaml": "Bảng YAML: một phần tử không phải các cặp 'đường dẫn khóa: giá trị'.",
}
DOC = ROOT / "docs" / "errors.md"
HUGE = "huge-file.yaml"
FOLDER = "thu-muc.yaml"

# A drafter's template that tries something it must not: the first "{{ b.text }}" of the
# default template is replaced by the hostile text. Built by ``build_templates``.
HOSTILE_TEMPLATES = {
    "template-include.docx": "{% include '/etc/passwd' %}",
    "template-python-internals.docx": "{{ b.__class__.__mro__[1].__subclasses__() }}",
    "template-undefined-name.docx": "{{ b.tieu_de }}",
    "template-syntax-error.docx": "{% if %}{{ b.text }}",
    "template-runtime-error.docx": "{% for i in range(10 ** 9) %}{{ i }}{% endfor %}",
}
# Templates edited elsewhere than the first "{{ b.text }}": (member, old, new), each replaced once.
_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
EDITED_TEMPLATES = {
    "template-safe-breaks-xml.docx": [("word/document.xml", "{{ b.text }}", "{{ b.text|safe }}")],
    "template-autoescape-off.docx": [("word/document.xml", "{{ b.text }}", "{% autoescape false %}{{ b.text }}{% endautoescape %}")],
    "template-doctype-entity.docx": [("word/styles.xml", _DECLARATION, _DECLARATION + '<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')],
    "template-huge-text.docx": [("word/document.xml", "{{ b.text }}", "{{ 'x' * 2000000000 }}")],
    "template-style-lost.docx": [("word/styles.xml", 'w:styleId="CCHCQuocHieu"><w:name w:val="CCHC Quốc hiệu"/>', 'w:styleId="Quchiu"><w:name w:val="Quốc hiệu"/>'),
                                  ("word/document.xml", " [CCHCQuocHieu]", "")],
    "template-marker-edited.docx": [("word/document.xml", '<w:pStyle w:val="CCHCDanhDau"/></w:pPr><w:r><w:t>{{ b.text }}',
                                     '<w:pStyle w:val="CCHCDanhDau"/></w:pPr><w:r><w:t>{{ b.label }}')],
    "template-no-plan-loop.docx": [("word/document.xml", "{%p for b in blocks %}", ""), ("word/document.xml", "{%p endfor %}", "")],
}  # fmt: skip
# Packages no Word writes: an extra member, or a member whose size the zip directory overstates.
EXTRA_MEMBERS = {
    "template-member-outside.docx": ("../../thoat-ra.xml", 0),
    "template-zip-bomb.docx": ("word/media/image1.png", 8 << 30),  # -- 8 GB claimed by the central directory --
}
# The templates whose message is about the whole file or the filled document, with no one
# paragraph of the template to quote (the others' messages quote it: "Đoạn trong mẫu: …").
WHOLE_FILE_TEMPLATES = {"template-not-docx.docx", *(name for name in EDITED_TEMPLATES if name != "template-huge-text.docx"), *EXTRA_MEMBERS}
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Outcome:
    """What the command did with one input."""

    exit_code: int
    stdout: str
    stderr: str


def description(path: Path) -> str:
    """The fixture's first line, '# <what is wrong>', is its description."""
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    return first.lstrip("#").strip()


def spec_cases() -> list[Path]:
    """The bad specifications: one per error class, in tests/data/bad/."""
    return sorted(BAD.glob("*.yaml"))


def template_cases() -> list[Path]:
    """Specifications naming a hostile or broken Word template (xuat.mau)."""
    return sorted(TEMPLATES.glob("*.yaml"))


def rule_cases() -> dict[str, list[Path]]:
    """For each check rule, the specification(s) that break it: rules/<ID>.yaml or rules/<ID>/."""
    cases: dict[str, list[Path]] = {}
    for rule in RULES:
        single = RULE_CASES / f"{rule.id}.yaml"
        cases[rule.id] = [single] if single.is_file() else sorted((RULE_CASES / rule.id).glob("*.yaml"))
    return cases


def build_templates(*, force: bool = False) -> None:
    """Write the hostile templates next to the specifications that name them."""
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    edits = {name: [("word/document.xml", "{{ b.text }}", hostile)] for name, hostile in HOSTILE_TEMPLATES.items()} | EDITED_TEMPLATES
    for name in [*edits, *EXTRA_MEMBERS]:
        target = TEMPLATES / name
        if target.exists() and not force:
            continue
        edited_template(target, edits.get(name, []), EXTRA_MEMBERS.get(name))


def template_with(hostile: str, target: Path) -> Path:
    """The shipped template with its first '{{ b.text }}' replaced by ``hostile``."""
    return edited_template(target, [("word/document.xml", "{{ b.text }}", hostile)])


def edited_template(target: Path, edits: list[tuple[str, str, str]], extra: tuple[str, int] | None = None) -> Path:
    """The shipped template with each (member, old, new) edit made once, and an extra member if asked."""
    source = zipfile.ZipFile(io.BytesIO(default_template().read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info.filename)
            for member, old, new in edits:
                if info.filename == member:
                    data = data.decode("utf-8").replace(old, new, 1).encode("utf-8")
            package.writestr(zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME), data)
        if extra is not None:
            member, claimed = extra
            package.writestr(zipfile.ZipInfo(member, date_time=_FIXED_TIME), b"<x/>")
            if claimed:
                package.getinfo(member).file_size = claimed  # -- written into the central directory on close --
    target.write_bytes(out.getvalue())
    return target


def run(args: list[str]) -> Outcome:
    """Run the command in this process (as `python -m cchc_docgen ARGS`), from the repository root."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(args)
    return Outcome(code, stdout.getvalue(), stderr.getvalue())


@contextlib.contextmanager
def huge_file() -> Iterator[Path]:
    """A specification one byte over the size limit; too big to keep in the repository."""
    with tempfile.TemporaryDirectory(prefix="cchc-huge-") as folder:
        path = Path(folder) / HUGE
        path.write_bytes(b"# " + b"x" * (MAX_BYTES - 2) + b"\n")
        yield path


def render_page() -> str:
    """The whole of docs/errors.md."""
    with tempfile.TemporaryDirectory(prefix="cchc-errors-") as out:
        rows = []
        for path in spec_cases() + template_cases():
            outcome = run([_relative(path), "-o", out])
            rows.append((description(path), f"tests/data/bad/{path.relative_to(BAD).as_posix()}", _clean(outcome.stderr, out)))
        with huge_file() as path:
            outcome = run([str(path), "-o", out])
            rows.append((f"Tệp quá lớn (hơn {MAX_BYTES // (1024 * 1024)} MB): dừng trước khi đọc hết vào bộ nhớ.", f"{HUGE} (tạo khi chạy thử)",
                         _clean(outcome.stderr.replace(str(path), HUGE), out)))
        with tempfile.TemporaryDirectory(prefix="cchc-folder-") as folder:
            # -- a folder named like a specification: what the shared check of a path's kind says --
            spec_folder = Path(folder) / FOLDER
            spec_folder.mkdir()
            outcome = run([str(spec_folder), "-o", out])
            rows.append(("Tên tệp đặc tả trỏ tới một thư mục (hay ống dẫn, thiết bị), không phải tệp.", f"{FOLDER}/ (tạo khi chạy thử)",
                         _clean(outcome.stderr.replace(str(spec_folder), FOLDER), out)))
        tables = []
        for name, what in TABLE_CASES.items():
            outcome = run(["batch", "--mau-dac-ta", _relative(TABLE_MODEL), "--bang", _relative(TABLES / name), "-o", out])
            message = re.sub(r"; [0-9.]+ giây\.$", ".", _clean(outcome.stderr, out), flags=re.M)
            tables.append((what, f"tests/data/bad/tables/{name}", message))
    lines = [
        "# Thông báo lỗi",
        "",
        "<!-- Tạo bằng `python tests/support/error_table.py`; đừng sửa tay. tests/test_cli_errors.py kiểm tra trang này còn khớp. -->",
        "",
        "Mọi lỗi của đặc tả được báo cùng một lúc, mỗi lỗi một chỗ: `tệp:dòng:cột`, đường dẫn của khóa",
        "(ví dụ `nhiem_vu[3].chu_tri`), điều sai và gợi ý sửa. Khi đặc tả có lỗi, lệnh thoát với mã 1 và",
        "không ghi tệp nào. Lỗi của mẫu Word riêng (`xuat.mau`) nêu tên mẫu và đoạn văn trong mẫu.",
        "Trước khi ghi, lệnh tạo văn bản (và `batch`) áp mọi quy tắc của lệnh `check` (cuối trang): một",
        "lỗi cũng dừng đặc tả đó, không ghi tệp nào của nó; cảnh báo được in sau danh sách tệp đã ghi và",
        "không đổi mã thoát, trừ khi chạy với `--nghiem` (khi đó cảnh báo cũng chặn như lỗi).",
        "",
        "Mã thoát: 0 thành công; 1 đặc tả, mẫu hoặc thư mục kết quả có vấn đề; 2 gõ lệnh sai; 3 lỗi của chính cchc_docgen;",
        "130 dừng bằng Ctrl-C; 143 bị dừng (SIGTERM). Khi dừng, không tệp nào bị ghi dở; văn bản đã ghi xong",
        "vẫn giữ nguyên và đường dẫn của nó đã được in ra, kể cả khi lệnh dừng ngay sau khi ghi.",
        "",
        "## Lỗi của đặc tả",
        "",
        "Mỗi dòng là một tệp trong `tests/data/bad/`; cột cuối là đúng những gì lệnh",
        "`python -m cchc_docgen TỆP -o THƯ_MỤC` in ra.",
        "",
        "| Loại lỗi | Tệp thử | Thông báo |",
        "|---|---|---|",
    ]
    lines += [f"| {_cell(what)} | `{where}` | {_code(message)} |" for what, where, message in rows]
    lines += [
        "",
        "## Lỗi của bảng (`batch --bang`)",
        "",
        "Mỗi dòng là một bảng trong `tests/data/bad/tables/`, chạy với đặc tả mẫu `tests/data/batch/mau.yaml`;",
        "cột cuối là những gì `python -m cchc_docgen batch --mau-dac-ta MẪU.yaml --bang BẢNG -o THƯ_MỤC` in ra.",
        "Một dòng hay một ô lỗi không làm dừng các dòng khác; lỗi ở dòng tên cột dừng cả bảng, báo một lần.",
        "",
        "| Loại lỗi | Tệp thử | Thông báo |",
        "|---|---|---|",
    ]
    lines += [f"| {_cell(what)} | `{where}` | {_code(message)} |" for what, where, message in tables]
    lines += [
        "",
        "## Quy tắc của lệnh kiểm tra",
        "",
        "`python -m cchc_docgen check ĐẶC_TẢ.yaml [ĐẶC_TẢ2.yaml …]` báo mọi lỗi ở trên, rồi áp các quy tắc",
        "dưới đây. **Lỗi** làm lệnh thoát với mã 1 và chặn việc tạo văn bản (lệnh tạo văn bản và `batch`",
        "cũng áp các quy tắc này); **cảnh báo** chỉ để xem lại, không chặn việc tạo văn bản, trừ khi chạy với `--nghiem`.",
        "Ví dụ thông báo lấy từ `tests/data/bad/rules/`.",
        "",
        "| Mã | Mức | Yêu cầu | Căn cứ hoặc lý do | Ví dụ thông báo |",
        "|---|---|---|---|---|",
    ]
    cases = rule_cases()
    for rule in RULES:
        with contextlib.chdir(ROOT):
            report = check_files([path.relative_to(ROOT) for path in cases[rule.id]])
        example = next((p.format() for p in report.problems if p.rule == rule.id), "").replace(str(ROOT) + "/", "")
        severity = "lỗi" if rule.severity == ERROR else "cảnh báo"
        lines.append(f"| `{rule.id}` | {severity} | {_cell(rule.title)} | {_cell(rule.reference)} | {_code(example)} |")
    return "\n".join(lines) + "\n"


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _clean(text: str, out: str) -> str:
    """Machine-independent: paths relative to the repository, no temporary folders."""
    return text.replace(str(ROOT) + "/", "").replace(out, "THƯ_MỤC").strip()


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "&#124;")


def _code(text: str) -> str:
    return "<br>".join(f"<code>{_cell(line)}</code>" for line in text.splitlines())


def main(argv: list[str]) -> int:
    build_templates()
    page = render_page()
    if "--check" in argv:
        if not DOC.is_file() or DOC.read_text(encoding="utf-8") != page:
            print(f"{DOC.relative_to(ROOT)} đã cũ: chạy python tests/support/error_table.py", file=sys.stderr)
            return 1
        return 0
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(page, encoding="utf-8")
    print(DOC.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
