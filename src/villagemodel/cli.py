"""The ``villagemodel`` command.

``villagemodel show lingyun-2022`` prints what the bundled dataset records of
the six villages of the source report; ``villagemodel datasets`` lists the
bundled datasets; ``villagemodel params`` lists the parameters in force for a
jurisdiction and a date, with their sources.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import click

from villagemodel import __version__, datasets
from villagemodel.describe import describe
from villagemodel.errors import VillageModelError
from villagemodel.explain import Lang, display, to_plain
from villagemodel.parameters import (
    Jurisdiction,
    Parameter,
    ParameterNotFoundError,
    ParameterSet,
    ParameterValue,
)

__all__ = ["main"]


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
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the output.",
)
def show(name: str, lang: str) -> None:
    """Print the places, branches, teams and industries of a bundled dataset."""
    try:
        meta = datasets.info(name)
        dataset = datasets.load(name)
    except VillageModelError as error:
        raise click.ClickException(str(error)) from error
    title = meta.title if lang == "en" else meta.title_zh
    source = "source: " if lang == "en" else "来源："
    click.echo(f"{title} [{name}]")
    click.echo(f"{source}{meta.source_title} ({meta.publisher}, {meta.published_on.isoformat()})")
    click.echo("")
    click.echo(describe(dataset, lang="en" if lang == "en" else "zh"))


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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default="en",
    show_default=True,
    help="Text language.",
)
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
