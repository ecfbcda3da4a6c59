"""Write the report of the synthetic dataset as one HTML page.

The page holds the report's sentences with their figures computed from the
records of ``lingyun-2022-synthetic``, and charts of those records (needs
the charts extra: ``pip install 'villagemodel[charts]'``). It is written to a
new temporary directory; open it in any browser.

Run: ``python examples/html_report.py``
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from villagemodel import datasets
from villagemodel.claims import load_claims
from villagemodel.html import render_html
from villagemodel.report import build_report

NAME = "lingyun-2022-synthetic"


def main() -> None:
    dataset = datasets.load(NAME)
    report = build_report(
        dataset, load_claims("lingyun-2022"), name=NAME, synthetic=datasets.info(NAME).synthetic
    )
    page = render_html(report, dataset)
    folder = Path(tempfile.mkdtemp(prefix="villagemodel-report-"))
    path = folder / "report.html"
    path.write_text(page, encoding="utf-8")
    size = path.stat().st_size
    print(f"{path} ({size:,} bytes, {page.count('<svg')} charts)")


if __name__ == "__main__":
    main()
