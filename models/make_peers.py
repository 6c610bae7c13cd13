"""Generate the bundled example peer set models/peers.xlsx (30 invented companies).

Seeded and deterministic: running it again gives the same figures and a byte-identical file
(the workbook's timestamps are fixed). Usage:  python models/make_peers.py [OUT.xlsx]
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

from sw_optimiser.benchmarking.peers import write_peers  # noqa: E402
from sw_optimiser.benchmarking.synthetic import generate_peers  # noqa: E402

SEED = 2015  # the year the Participatiewet closed the Wsw to newcomers
N_COMPANIES = 30
FIXED_TIME = "2024-01-01T00:00:00Z"


def make_deterministic(path: Path) -> None:
    """Fix the timestamps openpyxl writes (document properties and zip entries)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("created", "modified"):
                    text = re.sub(rf"(<dcterms:{tag}[^>]*>)[^<]*(</dcterms:{tag}>)", rf"\g<1>{FIXED_TIME}\g<2>", text)
                data = text.encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else HERE / "peers.xlsx"
    write_peers(generate_peers(N_COMPANIES, SEED), out)
    make_deterministic(out)
    print(f"wrote {out} ({N_COMPANIES} companies, seed {SEED})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
