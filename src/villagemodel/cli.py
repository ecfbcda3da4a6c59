"""The ``villagemodel`` command.

``villagemodel show lingyun-2022`` prints what the bundled dataset records of
the six villages of the source report; ``villagemodel datasets`` lists the
bundled datasets; ``villagemodel validate FILE...`` checks dataset files
(JSON, YAML, TOML or a folder of CSV files) and lists every problem;
``villagemodel schema`` prints the JSON Schema of a dataset file; ``villagemodel params`` lists the parameters in force for a
jurisdiction and a date, with their sources; ``villagemodel rate`` rates Party
branches from a score file under a named rubric, with explanations.
"""

from __future__ import annotations

import datetime
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import click

from villagemodel import __version__, datasets
from villagemodel.claims import (
    ClaimSet,
    UnknownClaimSetError,
    Verdict,
    available_claim_sets,
    check_claim,
    check_claims,
    claims_from_data,
    load_claims,
    period_from_phrase,
)
from villagemodel.consistency import check_consistency
from villagemodel.dataset import TABLES, Dataset
from villagemodel.describe import describe
from villagemodel.errors import VillageModelError
from villagemodel.explain import Lang, display, to_plain
from villagemodel.formats import DataFileError, FileProblem, dataset_schema, load_dataset
from villagemodel.html import render_html
from villagemodel.metrics import METRICS, Subject, compute
from villagemodel.parameters import (
    Jurisdiction,
    Parameter,
    ParameterNotFoundError,
    ParameterSet,
    ParameterValue,
)
from villagemodel.report import build_report
from villagemodel.rules.star_rating import (
    Rubric,
    available_rubrics,
    load_rubric,
    rate,
    read_scores,
)

__all__ = ["main"]


_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)

_claims_option = click.option(
    "--claims",
    default=None,
    help="A bundled claim set or a claims file (.toml); default: the report NAME is "
    "derived from (lingyun-2022 for lingyun-2022-synthetic; for a dataset file, its name).",
)


@attrs.frozen(kw_only=True)
class _Source:
    """A dataset named on the command line: a file or folder, or a bundled one."""

    dataset: Dataset
    label: str
    info: datasets.DatasetInfo | None  # None for a file


def _open_dataset(name: str) -> _Source:
    """NAME as a dataset file or folder if one exists, else as a bundled dataset."""
    path = Path(name)
    if path.exists():
        dataset = load_dataset(path)
        return _Source(dataset=dataset, label=name, info=None)
    names = datasets.available()
    if name not in names:
        raise click.ClickException(
            f"no bundled dataset is named {name!r} (available: {', '.join(names)}), "
            f"and no file or folder {name!r} exists"
        )
    return _Source(dataset=datasets.load(name), label=name, info=datasets.info(name))


def _claims_of(source: _Source, claims: str | None) -> ClaimSet:
    """The claims to check a dataset against: --claims, or those its name selects."""
    if source.info is not None:
        return _claim_set(source.label, claims)
    if claims is None and source.dataset.name is None:
        raise click.ClickException(
            f"{source.label} holds a dataset without a name to choose its claims by; "
            "name a claim set with --claims"
        )
    return _claim_set(source.dataset.name or source.label, claims)


def _lang_option(default: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The --lang option, defaulting to ``default``."""
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=default,
        show_default=True,
        help="Language of the output.",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="villagemodel")
def main() -> None:
    """Typed domain model, rules and metrics of rural-revitalisation work reports."""


@main.command("datasets")
def list_datasets() -> None:
    """List the bundled datasets."""
    for name in datasets.available():
        meta = datasets.info(name)
        kind = "synthetic" if meta.synthetic else "from the source report"
        click.echo(f"{name}\t{meta.title} ({kind}; as of {meta.as_of.isoformat()})")


@main.command()
@click.argument("name")
@_lang_option("zh")
def show(name: str, lang: str) -> None:
    """Print the places, branches, teams and industries of a dataset.

    NAME is a bundled dataset or a dataset file (JSON, YAML, TOML) or folder
    of CSV files.
    """
    try:
        found = _open_dataset(name)
    except VillageModelError as error:
        raise click.ClickException(str(error)) from error
    meta = found.info
    if meta is None:
        click.echo(f"{found.dataset.name or name} [{name}]")
    else:
        title = meta.title if lang == "en" else meta.title_zh
        source = "source: " if lang == "en" else "来源："
        click.echo(f"{title} [{name}]")
        click.echo(
            f"{source}{meta.source_title} ({meta.publisher}, {meta.published_on.isoformat()})"
        )
    click.echo("")
    click.echo(describe(found.dataset, lang="en" if lang == "en" else "zh"))


def _value_json(value: ParameterValue) -> dict[str, Any]:
    source = value.source
    return {
        "jurisdiction": value.jurisdiction.path,
        "effective_from": value.effective_from.isoformat(),
        "effective_until": value.effective_until.isoformat() if value.effective_until else None,
        "value": to_plain(value.value),
        "example": value.example,
        "confidence": value.confidence.value,
        "note": value.note,
        "source": {
            "title": source.title,
            "issuer": source.issuer,
            "date": source.date.isoformat() if source.date else None,
            "url": source.url,
            "reference": source.reference,
        },
    }


def _parameter_json(
    parameter: Parameter, params: ParameterSet, place: Jurisdiction, on: datetime.date
) -> dict[str, Any]:
    try:
        found = params.lookup(parameter.name, place, on, allow_examples=True)
        in_force: dict[str, Any] | None = {
            "value": to_plain(found.value),
            "jurisdiction": found.jurisdiction.path,
            "effective_from": found.effective_from.isoformat(),
            "example": found.example,
        }
    except ParameterNotFoundError:
        in_force = None
    return {
        "name": parameter.name,
        "kind": parameter.kind.value,
        "unit": parameter.unit,
        "description_en": parameter.description_en,
        "description_zh": parameter.description_zh,
        "in_force": in_force,
        "values": [_value_json(v) for v in parameter.values],
    }


def _parse_day(text: str | None) -> datetime.date:
    if text is None:
        return datetime.date.today()  # noqa: DTZ011 - a calendar day, no time zone involved
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"expected YYYY-MM-DD, got {text!r}", param_hint="--date"
        ) from None


@main.command()
@click.option(
    "--jurisdiction",
    "-j",
    default="CN",
    show_default=True,
    help="Jurisdiction path, e.g. CN/guangxi/baise/lingyun.",
)
@click.option("--date", "-d", "day", default=None, help="Date (YYYY-MM-DD); default today.")
@_format_option
@_lang_option("en")
@click.option(
    "--file",
    "files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A parameter file (TOML) laid over the shipped ones; repeatable.",
)
def params(jurisdiction: str, day: str | None, fmt: str, lang: str, files: tuple[str, ...]) -> None:
    """List every parameter, the value in force for a jurisdiction and date, and its source.

    Example values (marked EXAMPLE) are shown but rules use them only when
    asked to. A parameter with no value in force says so: the rules that
    need it refuse to guess until a value is supplied.
    """
    on = _parse_day(day)
    try:
        place = Jurisdiction.parse(jurisdiction)
        parameter_set = ParameterSet.default().with_files(*files)
    except VillageModelError as error:
        raise click.ClickException(str(error)) from error
    parameters = [parameter_set.parameter(name) for name in parameter_set.names()]
    if fmt == "json":
        document = {
            "jurisdiction": place.path,
            "date": on.isoformat(),
            "parameters": [_parameter_json(p, parameter_set, place, on) for p in parameters],
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    text_lang: Lang = "zh" if lang == "zh" else "en"
    click.echo(f"parameters for {place.path} on {on.isoformat()}")
    for parameter in parameters:
        description = parameter.description_zh if text_lang == "zh" else parameter.description_en
        click.echo(f"\n{parameter.name} ({parameter.unit}): {description}")
        try:
            found = parameter_set.lookup(parameter.name, place, on, allow_examples=True)
        except ParameterNotFoundError:
            click.echo("  no value in force: rules that need it refuse until one is supplied")
            continue
        flag = " EXAMPLE" if found.example else ""
        click.echo(
            f"  = {display(found.value, text_lang)}{flag}  [{found.jurisdiction.path}, "
            f"from {found.effective_from.isoformat()}, confidence {found.confidence.value}]"
        )
        click.echo(f"  source: {found.source.cite()}")
        if found.note:
            click.echo(f"  note: {found.note}")


_SCORES_FORMAT = """
\b
SCORES_FILE is a TOML file of branch scores:
\b
    year = 2023                  # optional; --year overrides it
    [[branches]]
    id = "taohua"
    points = { basic = "92.5", evaluation = 88 }
    deductions = { deductions = "1.5" }   # optional: points taken off
    vetoes = ["weak_and_lax"]             # optional: veto items triggered
\b
Points are ints or decimal strings ("92.5"); an unquoted 92.5 is a float
and is refused. Every item of the rubric needs points (0 if none).
"""


def _rubric_json(rubric: Rubric) -> dict[str, Any]:
    source = rubric.citation
    return {
        "name": rubric.name,
        "title_en": rubric.title_en,
        "title_zh": rubric.title_zh,
        "example": rubric.example,
        "confidence": rubric.confidence.value,
        "note": rubric.note,
        "source": {
            "title": source.title,
            "issuer": source.issuer,
            "date": source.date.isoformat() if source.date else None,
            "url": source.url,
            "reference": source.reference,
        },
    }


def _list_rubrics(fmt: str, lang: Lang) -> None:
    rubrics = [load_rubric(name) for name in available_rubrics()]
    if fmt == "json":
        click.echo(json.dumps([_rubric_json(r) for r in rubrics], ensure_ascii=False, indent=2))
        return
    for rubric in rubrics:
        click.echo(rubric.describe(lang))
    click.echo(
        "\n无广西公开评星细则，未内置；请用 --rubric-file 指定自己的细则文件。"
        if lang == "zh"
        else "\nNo Guangxi rubric is public, so none is shipped: use --rubric-file for your own."
    )


@main.command(
    "rate",
    epilog=_SCORES_FORMAT,
    context_settings={"max_content_width": 100},
)
@click.argument("scores_file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--rubric", "rubric_name", default=None, help="A shipped rubric, by name.")
@click.option(
    "--rubric-file",
    default=None,
    type=click.Path(exists=True, dir_okay=False),
    help="A rubric file (TOML) of your own, instead of --rubric.",
)
@click.option("--year", type=int, default=None, help="Year rated; default: the file's year.")
@_format_option
@_lang_option("en")
@click.option("--list-rubrics", is_flag=True, help="List the shipped rubrics and exit.")
def rate_command(
    *,
    scores_file: str | None,
    rubric_name: str | None,
    rubric_file: str | None,
    year: int | None,
    fmt: str,
    lang: str,
    list_rubrics: bool,
) -> None:
    """Rate Party branches with a star-rating rubric (星级化管理).

    All branches in SCORES_FILE are rated together: bands, veto items,
    allowed stars and the quotas (e.g. five stars for at most 30%) apply to
    them as one group. The rubric is never assumed: name a shipped one with
    --rubric (all are examples from other jurisdictions; see --list-rubrics)
    or give your own with --rubric-file. No Guangxi rubric is public, so
    none is shipped.
    """
    text_lang: Lang = "zh" if lang == "zh" else "en"
    try:
        if list_rubrics:
            _list_rubrics(fmt, text_lang)
            return
        if scores_file is None:
            raise click.UsageError("give a SCORES_FILE (or --list-rubrics)")
        if (rubric_name is None) == (rubric_file is None):
            raise click.UsageError(
                "choose one rubric: --rubric NAME (see --list-rubrics) or --rubric-file PATH; "
                "no rubric is assumed"
            )
        rubric = load_rubric(rubric_name) if rubric_name else Rubric.from_toml(str(rubric_file))
        scores = read_scores(scores_file)
        rated_year = year if year is not None else scores.year
        if rated_year is None:
            raise click.UsageError("give the year rated: --year, or year = ... in the scores file")
        result = rate(rubric, scores.branches, rated_year)
    except VillageModelError as error:
        raise click.ClickException(str(error)) from error
    if fmt == "json":
        document = {
            "rubric": _rubric_json(rubric),
            "year": result.year,
            "ratings": [
                {
                    "branch_id": r.branch_id,
                    "rating": r.rating.value,
                    "stars": r.rating.stars,
                    "score": to_plain(r.score.total),
                    "by_score": r.by_score.value,
                    "vetoes": [v.id for v in r.score.vetoes],
                    "quota_demoted": r.quota_demoted,
                    "rubric": r.record.rubric,
                }
                for r in result.ratings
            ],
            "explanation": result.explanation.to_json(),
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    click.echo(result.explanation.to_text(text_lang))


def _error_text(error: BaseException) -> str:
    """An error's message with its notes (which claim, which entry of a file)."""
    notes = getattr(error, "__notes__", [])
    return "; ".join([str(error), *notes])


def _claim_set(name: str, claims: str | None) -> ClaimSet:
    """The bundled claim set NAME, or the one named (or the file given) by --claims."""
    if claims is None:
        names = available_claim_sets()
        if name not in names:
            # A dataset derived from a report's records (lingyun-2022-synthetic)
            # is checked against that report's claims (lingyun-2022).
            stems = [stem for stem in names if name.startswith(f"{stem}-")]
            if len(stems) == 1:
                return load_claims(stems[0])
        return load_claims(name)
    if claims.endswith(".toml"):
        try:
            with open(claims, "rb") as handle:
                data = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise click.BadParameter(str(error), param_hint="--claims") from None
        return claims_from_data(data)
    return load_claims(claims)


@main.command("check")
@click.argument("name")
@_lang_option("zh")
@_format_option
@_claims_option
def check_command(name: str, lang: str, fmt: str, claims: str | None) -> None:
    """Check a report's claims against the records of a dataset.

    NAME selects both the claims (the report's figures, each with its
    sentence) and the records (the bundled dataset NAME). NAME may also be a
    dataset file or folder of CSV files; its claims are then those its
    ``name`` selects, or --claims. Each claim is
    printed with its verdict (holds, contradicted, undetermined) and its
    derivation; then the bounds the claims and records together give for
    what the report leaves unknown, and any contradiction, with the claims
    the others make impossible. Exits with status 1 when a claim is
    contradicted or the claims cannot all be true.
    """
    text_lang: Lang = "zh" if lang == "zh" else "en"
    try:
        dataset = (found := _open_dataset(name)).dataset
        claim_set = _claims_of(found, claims)
        checks = check_claims(claim_set, dataset)
        report = check_consistency(claim_set, dataset)
    except UnknownClaimSetError as error:
        raise click.ClickException(f"{error}; name a claim set with --claims") from error
    except VillageModelError as error:
        raise click.ClickException(_error_text(error)) from error
    counts = {verdict: sum(c.verdict is verdict for c in checks) for verdict in Verdict}
    failed = counts[Verdict.CONTRADICTED] > 0 or not report.consistent
    if fmt == "json":
        document = {
            "dataset": name,
            "claim_set": claim_set.name,
            "source_title": claim_set.source_title,
            "as_of": claim_set.as_of.isoformat(),
            "summary": {
                "claims": len(checks),
                **{verdict.code: n for verdict, n in counts.items()},
                "consistent": report.consistent,
            },
            "claims": [c.to_json() for c in checks],
            "consistency": report.to_json(),
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        zh = text_lang == "zh"
        title = claim_set.title_zh if zh else claim_set.title
        click.echo(f"{title} [{claim_set.name}]")
        click.echo(
            f"{'来源：' if zh else 'source: '}{claim_set.source_title} ({claim_set.publisher}, "
            f"{claim_set.as_of.isoformat()})"
        )
        click.echo(
            f"{len(checks)}条说法，对照数据集 {name} 核对"
            if zh
            else f"{len(checks)} claims, checked against the records of {name}"
        )
        for number, check in enumerate(checks, start=1):
            claim = check.claim
            verdict = check.verdict.zh if zh else check.verdict.en
            click.echo(f"\n[{number}/{len(checks)}] {claim.id} · {claim.section} · {verdict}")
            click.echo(check.to_text(text_lang))
        summary = ", ".join(
            f"{verdict.zh if zh else verdict.en} {n}" for verdict, n in counts.items()
        )
        click.echo(f"\n{'合计' if zh else 'in all'}: {summary}\n")
        click.echo(report.to_text(text_lang))
    if failed:
        raise SystemExit(1)


def _lang(lang: str) -> Lang:
    return "zh" if lang == "zh" else "en"


@main.command("report")
@click.argument("name")
@_lang_option("zh")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="Output format; html is one self-contained page with charts "
    "(charts need the extra: pip install 'villagemodel[charts]').",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file instead of standard output.",
)
@_claims_option
def report_command(name: str, lang: str, fmt: str, output: str | None, claims: str | None) -> None:
    """Render a report's figures from the records of a dataset.

    NAME is a bundled dataset or a dataset file (JSON, YAML, TOML) or folder
    of CSV files.

    Each sentence of the report is written with its figure computed from the
    records, in the report's phrasing; where the records cannot give a figure
    the report's own words are kept and marked. The report is chosen by
    --claims, or is the claim set of the same name (a dataset named
    lingyun-2022-synthetic takes the claims of lingyun-2022).
    """
    try:
        found = _open_dataset(name)
        claim_set = _claims_of(found, claims)
        report = build_report(
            found.dataset,
            claim_set,
            name=name if found.info else found.dataset.name or name,
            synthetic=found.info.synthetic if found.info else False,
        )
        if fmt == "html":
            text = render_html(report, found.dataset, lang=_lang(lang))
        elif fmt == "json":
            text = json.dumps(report.to_json(), ensure_ascii=False, indent=2)
        else:
            text = report.to_text(_lang(lang))
    except UnknownClaimSetError as error:
        raise click.ClickException(f"{error}; name a claim set with --claims") from error
    except VillageModelError as error:
        raise click.ClickException(_error_text(error)) from error
    if output is None:
        click.echo(text)
    else:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text if text.endswith("\n") else text + "\n")
        except OSError as error:
            raise click.ClickException(
                f"cannot write {output}: {error.strerror or error}"
            ) from error
        click.echo(f"{output}: {fmt}, {len(text.encode('utf-8')):,} bytes", err=True)


@main.command("explain")
@click.argument("name")
@click.argument("figure")
@_lang_option("zh")
@_format_option
@_claims_option
@click.option(
    "--period",
    default=None,
    help="For a metric: 2022, 2021年以来, 两年来, 截至目前 (as of the report's date).",
)
@click.option(
    "--village", "villages", multiple=True, help="For a metric: a village id; repeatable."
)
@click.option("--option", "options", multiple=True, help="For a metric: KEY=VALUE; repeatable.")
def explain_command(  # noqa: PLR0917 - one parameter per command-line option
    name: str,
    figure: str,
    lang: str,
    fmt: str,
    claims: str | None,
    period: str | None,
    villages: tuple[str, ...],
    options: tuple[str, ...],
) -> None:
    """Print how one figure is derived from the records of a dataset.

    NAME is a bundled dataset or a dataset file or folder of CSV files.

    FIGURE is a claim id of the report (see `villagemodel check NAME`) or a
    metric id (collective_income.total, ...), with --period, --village and
    --option for a metric.
    """
    text_lang = _lang(lang)
    try:
        dataset = (found := _open_dataset(name)).dataset
        claim_set = _claims_of(found, claims)
        if figure in METRICS:
            if period is None:
                raise click.UsageError("a metric needs --period")
            subject = Subject.villages(*villages) if villages else Subject.all()
            pairs = dict(item.split("=", 1) for item in options if "=" in item)
            if len(pairs) != len(options):
                raise click.BadParameter("expected KEY=VALUE", param_hint="--option")
            phrase = f"{period}年" if period.isdigit() else period
            span = period_from_phrase(phrase, as_of=claim_set.as_of)
            value = compute(dataset, figure, subject, span, pairs)
            if fmt == "json":
                click.echo(json.dumps(value.derivation.to_json(), ensure_ascii=False, indent=2))
            else:
                click.echo(value.derivation.to_text(text_lang))
            return
        checked = check_claim(claim_set.by_id(figure), dataset)
    except UnknownClaimSetError as error:
        raise click.ClickException(f"{error}; name a claim set with --claims") from error
    except VillageModelError as error:
        hint = f"; FIGURE is a claim id or one of: {', '.join(sorted(METRICS))}"
        raise click.ClickException(_error_text(error) + hint) from error
    if fmt == "json":
        click.echo(json.dumps(checked.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(checked.to_text(text_lang))


def _records(dataset: Dataset) -> dict[str, int]:
    return {t.name: len(getattr(dataset, t.name)) for t in TABLES if getattr(dataset, t.name)}


def _counted(dataset: Dataset) -> str:
    parts = []
    for table in TABLES:
        n = len(getattr(dataset, table.name))
        if n:
            parts.append(f"{n} {table.singular if n == 1 else table.name.replace('_', ' ')}")
    return ", ".join(parts) or "no records"


def _problem_json(problem: FileProblem) -> dict[str, Any]:
    value = problem.value
    shown = value if value is None or isinstance(value, str | int | bool) else repr(value)
    return {
        "file": problem.file,
        "line": problem.line,
        "path": problem.path,
        "value": shown,
        "message": problem.message,
    }


@main.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@_format_option
def validate_command(files: tuple[str, ...], fmt: str) -> None:
    """Check dataset files and list every problem in them.

    Each FILE is a JSON (.json), YAML (.yaml, .yml) or TOML (.toml) file, or
    a folder of CSV files (one per table: villages.csv, households.csv, ...).
    Every problem is printed with its file, line, record and value. Exits
    with status 1 when any file has a problem.
    """
    results: list[dict[str, Any]] = []
    for file in files:
        try:
            dataset = load_dataset(file)
        except DataFileError as error:
            results.append({"file": file, "ok": False, "problems": list(error.problems)})
            continue
        results.append({"file": file, "ok": True, "dataset": dataset})
    if fmt == "json":
        document = [
            {
                "file": r["file"],
                "ok": r["ok"],
                "records": _records(r["dataset"]) if r["ok"] else None,
                "problems": [_problem_json(p) for p in r.get("problems", [])],
            }
            for r in results
        ]
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for r in results:
            if r["ok"]:
                click.echo(f"{r['file']}: ok ({_counted(r['dataset'])})")
                continue
            problems = r["problems"]
            click.echo(f"{r['file']}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
            for problem in problems:
                click.echo(f"  {problem}")
    if not all(r["ok"] for r in results):
        raise SystemExit(1)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) of a dataset file.

    The same schema ships in the package as data/schema/dataset.schema.json.
    """
    click.echo(json.dumps(dataset_schema(), ensure_ascii=False, indent=2))
