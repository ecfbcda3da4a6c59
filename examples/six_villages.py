"""Build the six villages of the source report and print them.

The bundled dataset ``lingyun-2022`` holds what the report states of single
villages. This script walks it township by township, and shows that a
figure the report gives only approximately is not in the records.

Run: ``python examples/six_villages.py``
"""

from __future__ import annotations

from villagemodel import datasets


def main() -> None:
    lingyun = datasets.load("lingyun-2022")
    meta = datasets.info("lingyun-2022")
    print(f"{meta.title_zh} (as of {meta.as_of.isoformat()})")
    for township in lingyun.townships:
        print(f"{township.name} ({township.kind.en})")
        for village in lingyun.villages_in(township.id):
            industries = "、".join(i.kind.zh for i in lingyun.industries_of(village.id))
            income = lingyun.collective_income(village.id, 2022)
            shown = (
                income.format_zh()
                if income is not None
                else "not recorded (report gives a bound only)"
            )
            print(
                f"  {village.name:<4} industries: {industries:<12} 2022 collective income: {shown}"
            )


if __name__ == "__main__":
    main()
