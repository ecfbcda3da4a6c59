"""Check the figures of a report excerpt typed in by hand, typo included.

An analyst types a few sentences of a work report as claims, in the format
of the bundled claim file (``villagemodel/data/claims/lingyun-2022.toml``):
the collective-income sentences of the source report, with an approximate
figure (双达村 "20余万元", more than 200,000 and less than 300,000 yuan) and
figures given as bounds ("突破11万元", above 110,000 yuan). One figure is
mistyped on purpose: the six villages' total is typed "80.2万元" where the
report says "90.2万元".

The script checks every claim against the records of the synthetic dataset
(which holds every village's income) and of the source dataset (which holds
陶化村's only), prints each verdict with a short derivation, then what the
claims say together (``check_consistency``): the typo is contradicted by the
synthetic records and, with the source records, it and the claims it cannot
stand with are named. The check finding the typo is the point of the
demonstration, so the script exits with status 0.

Run: ``python examples/check_typed_claims.py``
"""

from __future__ import annotations

import tomllib

from villagemodel import datasets
from villagemodel.claims import ClaimCheck, ClaimSet, Verdict, check_claims, claims_from_data
from villagemodel.consistency import ConsistencyReport, check_consistency
from villagemodel.dataset import Dataset
from villagemodel.explain import display

TYPO = "income-total"
"""The claim typed wrong: 80.2万元 for the report's 90.2万元."""

TYPED = """
[claim_set]
name = "typed-excerpt"
title = "Collective income of the six villages, typed from the report"
title_zh = "六个村集体经济收入（据报道录入）"
source_title = "党建引领风帆劲 乡村振兴谱新篇——广西财政厅派驻凌云县驻村工作队工作纪实"
publisher = "人民网-广西频道 (People's Daily Online, Guangxi channel)"
published_on = 2023-04-18
as_of = 2023-04-18
dataset = "lingyun-2022"

[subjects]
six = ["taohua", "chuhua", "houlong", "naliu", "yaoma", "shuangda"]
other-four = ["chuhua", "houlong", "naliu", "yaoma"]

# The typo: the report says 90.2万元.
[[claims]]
id = "income-total"
section = "总述"
sentence = "2022年,帮扶的6个村集体经济收入总量为80.2万元,村均突破10万元。"
metric = "collective_income.total"
subject = "six"
period = "2022年"
stated = "80.2万元"
template_zh = "2022年,帮扶的6个村集体经济收入总量为{value}"
template_en = "In 2022 the collective-economy income of the six villages assisted totalled {value}"

[[claims]]
id = "income-per-village"
section = "总述"
sentence = "2022年,帮扶的6个村集体经济收入总量为80.2万元,村均突破10万元。"
metric = "collective_income.per_village"
subject = "six"
period = "2022年"
stated = "突破10万元"
template_zh = "村均{value}"
template_en = "In 2022 the six villages' collective-economy income came to {value} per village"

[[claims]]
id = "income-taohua"
section = "整合资源促发展,推进强村富民"
sentence = "2022年,陶化村集体经济收入22.7万元、双达村20余万元、其他4村均突破11万元。"
metric = "collective_income.total"
subject = { villages = ["taohua"] }
period = "2022年"
stated = "22.7万元"
template_zh = "2022年,陶化村集体经济收入{value}"
template_en = "In 2022 Taohua's collective-economy income was {value}"

[[claims]]
id = "income-shuangda"
section = "整合资源促发展,推进强村富民"
sentence = "2022年,陶化村集体经济收入22.7万元、双达村20余万元、其他4村均突破11万元。"
metric = "collective_income.total"
subject = { villages = ["shuangda"] }
period = "2022年"
stated = "20余万元"
template_zh = "双达村{value}"
template_en = "In 2022 Shuangda's collective-economy income was {value}"

[[claims]]
id = "income-other-four"
section = "整合资源促发展,推进强村富民"
sentence = "2022年,陶化村集体经济收入22.7万元、双达村20余万元、其他4村均突破11万元。"
metric = "collective_income.total"
subject = "other-four"
quantifier = "each"
period = "2022年"
stated = "突破11万元"
template_zh = "其他4村均{value}"
template_en = "In 2022 each of the other four villages had a collective-economy income of {value}"
"""


def print_check(check: ClaimCheck) -> None:
    """One claim: its verdict, what it was read as, and how the value was found."""
    claim = check.claim
    verdict = check.verdict
    mark = "  <- the typo" if claim.id == TYPO else ""
    print(f"  [{verdict.en} / {verdict.zh}] {claim.id}{mark}")
    print(f"      typed:   {claim.text('zh')}")
    print(f"      means:   {claim.text('en')}")
    print(f"      read as: {claim.reading('en')}")
    print(f"      why:     {check.reason_en} ({check.reason_zh})")
    for value in check.values:
        derivation = value.derivation
        shown = display(value.value, "en") if value.known else "unknown"
        if derivation.missing:
            shown += f" (no data for {', '.join(derivation.missing)})"
        terms = ", ".join(f"{t.label_en} {display(t.value, 'en')}" for t in derivation.terms)
        print(f"      computed {shown}: {derivation.formula_en}" + (f" ({terms})" if terms else ""))
    for comparison in check.explanation.comparisons:
        print(f"      test:    {comparison.to_text('en')}")


def check_against(
    claims: ClaimSet, name: str
) -> tuple[Dataset, tuple[ClaimCheck, ...], ConsistencyReport]:
    """Check every claim against the bundled dataset ``name``, then the claims together."""
    dataset = datasets.load(name)
    meta = datasets.info(name)
    kind = "SYNTHETIC records" if meta.synthetic else "the report's own figures"
    print(f"\n=== Against {name} ({kind}) ===")
    checks = check_claims(claims, dataset)
    for check in checks:
        print_check(check)
    tally = {v: sum(1 for c in checks if c.verdict is v) for v in Verdict}
    print("  verdicts: " + ", ".join(f"{v.en} {n}" for v, n in tally.items()))

    report = check_consistency(claims, dataset)
    print(f"\n  The claims together (consistent: {'yes' if report.consistent else 'no'}):")
    for line in report.to_text("en").splitlines():
        print(f"    {line}")
    for item in report.impossible:
        print(f"    ({item.to_text('zh')})")
    return dataset, checks, report


def main() -> None:
    claims = claims_from_data(tomllib.loads(TYPED))
    print(f"{claims.title} ({claims.title_zh}): {len(claims)} claims typed")
    print("The excerpt as typed:")
    for sentence in dict.fromkeys(claim.sentence for claim in claims):
        print(f"  {sentence}")
    print(f"The claim {TYPO!r} carries a typo on purpose: 80.2万元 (802,000 yuan) for 90.2万元.")
    villages = datasets.load("lingyun-2022").villages
    print("Villages: " + ", ".join(f"{v.name} {v.name_en or v.id}" for v in villages))

    _, checks, _ = check_against(claims, "lingyun-2022-synthetic")
    typo = next(c for c in checks if c.claim.id == TYPO)
    assert typo.verdict is Verdict.CONTRADICTED, typo.verdict

    source, _, together = check_against(claims, "lingyun-2022")
    impossible = {item.claim for item in together.impossible}
    assert TYPO in impossible, impossible

    wrong = claims.by_id(TYPO)
    fixed = claims.with_claim(
        TYPO, stated="90.2万元", sentence=wrong.sentence.replace("80.2万元", "90.2万元")
    )
    report = check_consistency(fixed, source)
    print("\n=== With the total corrected to 90.2万元, against lingyun-2022 ===")
    print(
        f"  consistent: {'yes' if report.consistent else 'no'}; what each village can have earned:"
    )
    for village in ("shuangda", "chuhua", "houlong", "naliu", "yaoma"):
        print(f"    {report.bound_of('collective_income.total', village).to_text('en')}")
    assert report.consistent


if __name__ == "__main__":
    main()
