"""Print how faithfully a specification reproduces a seed (for writing plan_specs/).

    python tests/support/fidelity_cli.py plan_specs/thang-binh-2021.yaml tests/data/seeds/thang-binh-2021.txt
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cchc_docgen

from support.docx_facts import document_text, open_docx
from support.fidelity import compare


def main() -> None:
    spec_path, seed_path = Path(sys.argv[1]), Path(sys.argv[2])
    spec = cchc_docgen.load_spec(spec_path)
    documents = cchc_docgen.render(spec, mode="gop")
    text = "\n".join(document_text(open_docx(d.data)) for d in documents)
    result = compare(seed_path.read_text(encoding="utf-8"), text)
    print(f"recall {result.recall:.4f}  precision {result.precision:.4f}  seed tokens {result.seed_tokens}  output tokens {result.output_tokens}")
    for run in result.missing[:80]:
        print("  missing:", run[:200])


if __name__ == "__main__":
    main()
