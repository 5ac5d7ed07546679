"""The `argmap` command: parses options, calls one library function per command, reports errors cleanly."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap import __version__
from argmap.errors import ArgmapError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
MAP_ARG = click.Path(dir_okay=False, path_type=Path)


def _map_path(path: Path | None) -> Path:
    from argmap.resources import bundled_map_path

    if path is None:
        return bundled_map_path()
    if not path.exists():
        raise click.BadParameter(f"file '{path}' does not exist", param_hint="MAP")
    return path


def _fail(error: ArgmapError):
    click.echo(str(error), err=True)
    sys.exit(error.exit_code)


def _load(path: Path | None, fmt: str | None):
    from argmap.formats import read_map

    return read_map(_map_path(path), fmt)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def main():
    """Argument maps: check them, render them to interactive HTML, export them.

    Every command uses the bundled essay map when no MAP is named.

    \b
    Examples:
      argmap render                       # the bundled essay map -> essay.html
      argmap check maps/*.yaml --strict   # validate like a compiler
      argmap export my.yaml --to json     # JSON on stdout
    """


FROM_OPTION = click.option("--from", "fmt", metavar="FORMAT",
                           help="Input format (default: from the file extension).")


@main.command()
@click.argument("maps", nargs=-1, type=MAP_ARG)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report format.")
@click.option("--enable", "enable", multiple=True, metavar="RULE",
              help="Turn on a lint rule that is off by default (repeatable; 'all' for every rule).")
@click.option("--disable", "disable", multiple=True, metavar="RULE",
              help="Turn off a lint rule (repeatable; 'all' for every rule).")
@click.option("--list-rules", is_flag=True, help="List the lint rules and whether each is on.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the problems, no summary line.")
@FROM_OPTION
def check(maps, strict, output, fmt, enable, disable, list_rules, quiet):
    """Validate MAPS; print every problem as file:line:col: severity: message.

    Errors make a map unusable; warnings come from lint rules (docs/lint.md) and are
    switched by name. Exits 0 when clean, 1 when a map has errors (or warnings, with
    --strict), 2 for bad usage such as an unknown rule name.

    \b
    Examples:
      argmap check                        # the bundled map
      argmap check a.yaml b.yaml --strict
      argmap check a.yaml --format json
      argmap check a.yaml --disable question --enable rabbit-rule
      argmap check --list-rules
    """
    from argmap.check import check_maps

    if list_rules:
        from argmap.lint import describe_rules

        click.echo(describe_rules())
        return
    try:
        report = check_maps([_map_path(m) for m in maps] or [_map_path(None)], fmt,
                            enable=enable, disable=disable)
    except ArgmapError as error:
        _fail(error)
    text = report.as_json() if output == "json" else report.as_text(summary=not quiet)
    if text:
        click.echo(text)
    sys.exit(1 if report.failed(strict) else 0)


@main.command()
@click.argument("map_path", metavar="[MAP]", required=False, type=MAP_ARG)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: MAP's name with .html, in the current folder).")
@click.option("--theme", type=click.Choice(["auto", "light", "dark"]), default="auto",
              show_default=True, help="Colour theme; auto follows the reader's system.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a browser.")
@FROM_OPTION
def render(map_path, output, theme, open_browser, fmt):
    """Render MAP to one self-contained interactive HTML page.

    \b
    Examples:
      argmap render                       # bundled essay map -> essay.html
      argmap render my.yaml -o site/my.html --open
    """
    from argmap.render import write_page

    try:
        source = _map_path(map_path)
        output = output or Path(source.stem + ".html")
        write_page(_load(source, fmt), output, theme=theme)
    except ArgmapError as error:
        _fail(error)
    click.echo(f"wrote {output}")
    if open_browser:
        click.launch(str(output))


@main.command()
@click.argument("map_path", metavar="[MAP]", required=False, type=MAP_ARG)
@click.option("--to", "to", required=True, metavar="FORMAT", help="Output format: json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: standard output).")
@FROM_OPTION
def export(map_path, to, output, fmt):
    """Convert MAP to another format (JSON uses the YAML format's field names).

    \b
    Examples:
      argmap export --to json             # the bundled map as JSON on stdout
      argmap export my.yaml --to json -o my.json
    """
    from argmap.files import write_atomic
    from argmap.formats import export_map

    try:
        text = export_map(_load(map_path, fmt), to)
        if output:
            write_atomic(output, text)
    except ArgmapError as error:
        _fail(error)
    if output:
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@main.command()
@click.argument("map_path", metavar="[MAP]", required=False, type=MAP_ARG)
@click.option("--reject", "rejected", multiple=True, metavar="ID",
              help="Treat this claim as rejected (repeatable).")
@click.option("--accept", "accepted", multiple=True, metavar="ID",
              help="Treat this claim as accepted (repeatable).")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report format.")
@FROM_OPTION
def analyse(map_path, rejected, accepted, output, fmt):
    """Statistics, the label of every claim, and the premises each main conclusion rests on.

    Every claim is accepted, rejected or undecided (docs/evaluation.md). The
    load-bearing premises of a conclusion are the basic premises, alone or in
    pairs, whose rejection unseats it.

    \b
    Examples:
      argmap analyse                      # the bundled essay map
      argmap analyse my.yaml --reject zoning --format json
      argmap analyse my.yaml --reject a --reject b --accept c
    """
    from argmap.analyse import analyse_map

    try:
        report = analyse_map(_load(map_path, fmt), rejected, accepted)
    except ArgmapError as error:
        _fail(error)
    click.echo(report.as_json() if output == "json" else report.as_text(), nl=False)


if __name__ == "__main__":
    main()
