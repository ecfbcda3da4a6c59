"""Load a county from a folder of CSV files, check it, and print its report.

``data/county-csv/`` holds one CSV file per table (``villages.csv``,
``households.csv``, ...): the synthetic records of the six villages of the
source report. Some files use Chinese headers (``村名``, ``户类型``), and
``collective_incomes.csv`` declares its amounts in 万元 with the header
``集体经济收入[万元]``. Loading checks every record and every reference; a
problem would be printed with its file, line and value.

Run: ``python examples/county_from_csv.py``
"""

from __future__ import annotations

from pathlib import Path

from villagemodel.claims import load_claims
from villagemodel.formats import DataFileError, load_dataset
from villagemodel.report import build_report

FOLDER = Path(__file__).parent / "data" / "county-csv"


def main() -> int:
    try:
        county = load_dataset(FOLDER)
    except DataFileError as error:
        print(error)
        return 1
    print(
        f"{FOLDER.name}: ok ({len(county.villages)} villages, {len(county.households)} households)"
    )
    for village in county.villages:
        income = county.collective_income(village.id, 2022)
        shown = income.format_zh() if income is not None else "no record"
        print(f"  {village.name}: 2022年村集体经济收入 {shown}")
    print()
    report = build_report(county, load_claims("lingyun-2022"))
    print(report.to_text("zh"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
