"""The ``villagemodel`` command.

``villagemodel show lingyun-2022`` prints what the bundled dataset records of
the six villages of the source report; ``villagemodel datasets`` lists the
bundled datasets.
"""

from __future__ import annotations

import click

from villagemodel import __version__, datasets
from villagemodel.describe import describe
from villagemodel.errors import VillageModelError

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
