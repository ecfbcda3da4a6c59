"""Rate the same six Party branches under two example rubrics and compare.

The 2023 city notice rates on a 70/30 weighted total with bands from 60 and
five stars for at most 30% of branches; the 2016 Tianjin Xiqing scheme has
bands from 60 to 95 (below 60: no star) and five stars for at most 10%. The
branch scores are illustrative (``examples/data/branch-scores-2022.toml``):
the source report gives only the outcome, one 5-star, one 4-star and four
3-star branches.

Each branch's total under the city notice is taken as its single score under
the Tianjin scheme, which has one generic part of 100 points.

Run: ``python examples/compare_rubrics.py``
"""

from __future__ import annotations

from pathlib import Path

from villagemodel.rules.star_rating import BranchScores, load_rubric, rate, read_scores, score

SCORES = Path(__file__).resolve().parent / "data" / "branch-scores-2022.toml"


def main() -> None:
    scores = read_scores(SCORES)
    year = scores.year or 2022
    city = load_rubric("city-2023-notice")
    tianjin = load_rubric("tianjin-xiqing-2016")

    under_city = rate(city, scores.branches, year)
    totals = {s.branch_id: score(city, s).total for s in scores.branches}
    as_tianjin = [BranchScores(branch_id=b, points={"basic": t}) for b, t in totals.items()]
    under_tianjin = rate(tianjin, as_tianjin, year)

    print(f"{'branch':<10} {'total':>7}  {city.name:<20} {tianjin.name}")
    for branch_id, total in totals.items():
        a = under_city.rated(branch_id).rating
        b = under_tianjin.rated(branch_id).rating
        mark = "" if a is b else "   <- differs"
        print(f"{branch_id:<10} {total!s:>7}  {a.en:<20} {b.en}{mark}")
    print()
    print(f"{city.name}: {under_city.explanation.outcome_en}")
    print(f"{tianjin.name}: {under_tianjin.explanation.outcome_en}")
    print()
    print("Why branch-a differs, under the Tianjin scheme:")
    print(under_tianjin.rated("branch-a").explanation.branch_en)


if __name__ == "__main__":
    main()
