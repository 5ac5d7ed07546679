"""The `argmap` command: parses options, calls one library function per command, reports errors cleanly."""

from __future__ import annotations

import errno
import functools
import os
import signal
import sys
from pathlib import Path

import click

from argmap import __version__
from argmap.drawing.colour_by import COLOR_BY
from argmap.errors import ArgmapError, UsageError
from argmap.formats import IMAGE_WRITERS, WRITERS

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
MAP_ARG = click.Path(dir_okay=False, path_type=Path)


def _map_path(path: Path | None, say: bool = False) -> Path:
    """The map to read: `path`, or the bundled essay map (with `say`, telling stderr so)."""
    from argmap.page.package_data import bundled_map_path

    if path is None:
        bundled = bundled_map_path()
        if (
            say
        ):  # check and render: a reader who forgot the map's name must not take the essay for it
            click.echo(f"no map given: using the bundled essay map ({bundled.name})", err=True)
        return bundled
    if not path.exists():
        raise click.BadParameter(f"file '{path}' does not exist", param_hint="MAP")
    return path


def _fail(error: ArgmapError):
    click.echo(str(error), err=True)
    sys.exit(error.exit_code)


def _out(text: str, nl: bool = True, err: bool = False) -> None:
    """Print a result; a full or closed standard output ends the command cleanly, no traceback."""
    try:
        click.echo(text, nl=nl, err=err)
    except OSError as error:
        if err:
            raise
        _stdout_failed(error)


def _stdout_failed(error: OSError):
    # what is still buffered would fail again at exit ("Exception ignored ..."): send it nowhere
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real descriptor (a test runner's stream)
        pass
    if error.errno == errno.EPIPE and hasattr(signal, "SIGPIPE"):
        # the reader has gone (`| head`): end quietly by SIGPIPE, as cat or grep do
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGPIPE)
    if error.errno == errno.EPIPE:
        sys.exit(1)
    click.echo(f"cannot write to standard output: {error.strerror or error}", err=True)
    sys.exit(2)


def _load(path: Path | None, fmt: str | None, limits):
    from argmap.formats import read_map

    return read_map(_map_path(path), fmt, limits=limits)


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
    from argmap._gc import tune_for_command

    tune_for_command()


def _complete_rule(ctx, param, incomplete):
    from argmap.analysis.lint import RULES

    return [name for name in [*sorted(RULES), "all"] if name.startswith(incomplete)]


REPORT_FORMAT_OPTION = click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
THEME_OPTION = click.option(
    "--theme",
    type=click.Choice(["auto", "light", "dark"]),  # page.render.THEMES, without importing it
    default="auto",
    show_default=True,
    help="Colour theme; auto follows the reader's system.",
)
COLOR_BY_OPTION = click.option(
    "--color-by",
    "color_by",
    type=click.Choice(COLOR_BY),
    default="kind",
    show_default=True,
    help="What a claim box's colour means; the legend follows.",
)
FROM_OPTION = click.option(
    "--from",
    "fmt",
    metavar="FORMAT",
    help="Input format: yaml, json (argmap or AIF, told apart by its "
    "keys), aif, argdown (default: from the file extension: .yaml "
    ".yml .json .argdown .ad).",
)


def _parse_limits(ctx, param, values) -> dict:
    from argmap.limits import parse_limit

    try:
        return dict(parse_limit(value) for value in values)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def limit_options(command):
    """--limit NAME=VALUE (repeatable) and --source-root DIR, handed to the command as one
    `limits` argument (argmap.limits.Limits); defined once for every command that reads maps."""
    from argmap.limits import LIMIT_NAMES, option_name

    @functools.wraps(command)
    def with_limits(*args, limit_values: dict, source_root: Path | None, **kwargs):
        from argmap.limits import DEFAULT_LIMITS

        changes = dict(limit_values)
        if source_root is not None:
            changes["source_root"] = source_root
        return command(*args, limits=DEFAULT_LIMITS.with_values(**changes), **kwargs)

    names = ", ".join(option_name(name) for name in LIMIT_NAMES)
    with_limits = click.option(
        "--limit",
        "limit_values",
        multiple=True,
        metavar="NAME=VALUE",
        callback=_parse_limits,
        help=f"Raise (or lower) an input limit (repeatable): {names}; K/M/G suffixes, e.g. "
        "--limit file-bytes=200M (defaults: docs/security.md).",
    )(with_limits)
    return click.option(
        "--source-root",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        metavar="DIR",
        help="Also let a map's source text come from inside DIR (by default only "
        "from the map's own folder tree).",
    )(with_limits)


@main.command()
@click.argument("maps", nargs=-1, type=MAP_ARG)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@REPORT_FORMAT_OPTION
@click.option(
    "--enable",
    "enable",
    multiple=True,
    metavar="RULE",
    shell_complete=_complete_rule,
    help="Turn on a lint rule that is off by default (repeatable; 'all' for every rule).",
)
@click.option(
    "--disable",
    "disable",
    multiple=True,
    metavar="RULE",
    shell_complete=_complete_rule,
    help="Turn off a lint rule (repeatable; 'all' for every rule).",
)
@click.option("--list-rules", is_flag=True, help="List the lint rules and whether each is on.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the problems, no summary line.")
@FROM_OPTION
@limit_options
def check(maps, strict, output, fmt, enable, disable, list_rules, quiet, limits):
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
    from argmap.analysis.check import check_maps

    if list_rules:
        from argmap.analysis.lint import describe_rules

        _out(describe_rules())
        return
    try:
        report = check_maps(
            [_map_path(m) for m in maps] or [_map_path(None, say=True)],
            fmt,
            enable=enable,
            disable=disable,
            limits=limits,
        )
    except ArgmapError as error:
        _fail(error)
    text = report.as_json() if output == "json" else report.as_text(summary=not quiet)
    if text:
        _out(text)
    sys.exit(1 if report.failed(strict) else 0)


@main.command()
@click.argument("map_path", metavar="[MAP|DIR]", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Output file (default: MAP's name with .html, in the current folder); "
    "for a DIR, the output folder (default: DIR-html).",
)
@THEME_OPTION
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a browser.")
@click.option(
    "--embed",
    is_flag=True,
    help="Write an HTML fragment to paste into an article (default: MAP-fragment.html).",
)
@click.option(
    "--iframe", is_flag=True, help="Also print a paste-ready <iframe> snippet for the page."
)
@click.option(
    "--assets",
    "assets",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the scripts and styles once into this folder as content-hashed files "
    "and load them from there by relative URL, instead of inlining them (default "
    "for a DIR: OUTPUT/_argmap).",
)
@COLOR_BY_OPTION
@click.option("-q", "--quiet", is_flag=True, help="Do not print 'wrote FILE'.")
@FROM_OPTION
@limit_options
def render(
    map_path, output, theme, open_browser, embed, iframe, assets, color_by, quiet, fmt, limits
):
    """Render MAP to one self-contained interactive HTML page.

    Given a folder DIR, render every map in it, and an index page linking them; a map
    that fails is reported with its file:line:col and does not stop the others.

    \b
    Examples:
      argmap render                       # bundled essay map -> essay.html
      argmap render my.yaml -o site/my.html --open
      argmap render my.yaml --embed       # my-fragment.html, to paste into a page
      argmap render my.yaml --iframe      # my.html, and an <iframe> snippet on stdout
      argmap render maps/ -o site/        # every map in maps/, plus site/index.html
      argmap render my.yaml -o site/my.html --assets site/_argmap  # shared library file
      argmap render my.yaml --color-by group  # box colours by group, not kind
      argmap render maps/ --color-by tag  # every page's boxes coloured by first tag
    """
    from argmap.page.render import RENDER_STEPS, iframe_snippet, write_page

    if embed and iframe:
        raise click.UsageError(
            "--embed and --iframe exclude each other: a fragment is pasted "
            "into the page itself, an iframe shows the full page"
        )
    if map_path is not None and map_path.is_dir():
        _render_folder(
            map_path,
            output or Path(f"{map_path.resolve().name}-html"),
            theme,
            quiet,
            assets,
            limits,
            color_by,
        )
        return
    try:
        source = _map_path(map_path, say=True)
        output = output or Path(source.stem + ("-fragment.html" if embed else ".html"))
        amap = _load(source, fmt, limits)
        # a bar only where someone watches a render long enough to wonder: big maps, on a terminal
        show_bar = (
            not quiet
            and not embed
            and len(amap.claims) >= PROGRESS_FROM_CLAIMS
            and sys.stderr.isatty()
        )
        with click.progressbar(
            length=RENDER_STEPS,
            label=f"rendering {len(amap.claims)} claims",
            file=sys.stderr,
            hidden=not show_bar,
        ) as bar:
            write_page(
                amap,
                output,
                theme=theme,
                embed=embed,
                assets=assets,
                color_by=color_by,
                progress=lambda step, done, total: bar.update(done - bar.pos),
            )
    except ArgmapError as error:
        _fail(error)
    if not quiet:
        _out(f"wrote {output}", err=iframe)
    if iframe:
        _out(iframe_snippet(output.name, amap.title), nl=False)
    if open_browser:
        click.launch(str(output))


PROGRESS_FROM_CLAIMS = 1000


def _render_folder(
    folder: Path,
    outdir: Path,
    theme: str,
    quiet: bool,
    assets: Path | None,
    limits,
    color_by: str,
) -> None:
    from argmap.commands.folder_site import map_files, render_site

    try:
        count = len(map_files(folder)) if folder.is_dir() else 0
        show_bar = not quiet and count >= 10
        with click.progressbar(
            length=count, label="rendering", file=sys.stderr, hidden=not show_bar
        ) as bar:
            report = render_site(
                folder,
                outdir,
                theme=theme,
                progress=lambda _: bar.update(1),
                assets=assets,
                limits=limits,
                color_by=color_by,
            )
    except ArgmapError as error:
        _fail(error)
    if not quiet:
        _out(f"wrote {len(report.pages)} page(s) and {outdir / 'index.html'}")
    if report.failures:
        click.echo(f"{len(report.failures)} map(s) failed:", err=True)
        for failure in report.failures:
            click.echo(str(failure.error), err=True)
        sys.exit(1)


@main.command()
@click.argument("map_path", metavar="[MAP]", required=False, type=MAP_ARG)
@click.option(
    "--to",
    "to",
    required=True,
    metavar="FORMAT",
    help=f"Output format: {', '.join(WRITERS)}; {', '.join(IMAGE_WRITERS)} (with argmap[images]).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: standard output).",
)
@COLOR_BY_OPTION
@FROM_OPTION
@limit_options
def export(map_path, to, output, color_by, fmt, limits):
    """Convert MAP to another format (JSON uses the YAML format's field names).

    \b
    Examples:
      argmap export --to json             # the bundled map as JSON on stdout
      argmap export my.yaml --to json -o my.json
      argmap export debate.argdown --to yaml -o debate.yaml  # editable native YAML
      argmap export debate.argdown --to dot -o debate.dot
      argmap export my.yaml --to png -o my.png   # needs: pip install 'argmap[images]'
      argmap export my.yaml --to svg --color-by group -o my.svg  # with a legend
    """
    from argmap.output_files import write_atomic
    from argmap.formats import export_map, import_losses

    try:
        amap = _load(map_path, fmt, limits)
        for loss in import_losses(amap):  # as `check` reports them: not in the export either
            click.echo(str(loss), err=True)
        text = export_map(amap, to, color_by)
        if isinstance(text, bytes) and not output and sys.stdout.isatty():
            raise UsageError(f"{to} is binary: name a file with -o (or pipe the output)")
        if output:
            write_atomic(output, text)
    except ArgmapError as error:
        _fail(error)
    if output:
        click.echo(f"wrote {output}", err=True)
    else:
        _out(text, nl=False)


@main.command()
@click.argument("map_path", metavar="[MAP]", required=False, type=MAP_ARG)
@click.option(
    "--reject",
    "rejected",
    multiple=True,
    metavar="ID",
    help="Treat this claim as rejected (repeatable).",
)
@click.option(
    "--accept",
    "accepted",
    multiple=True,
    metavar="ID",
    help="Treat this claim as accepted (repeatable).",
)
@REPORT_FORMAT_OPTION
@FROM_OPTION
@limit_options
def analyse(map_path, rejected, accepted, output, fmt, limits):
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
    from argmap.analysis.analyse import analyse_map

    try:
        report = analyse_map(_load(map_path, fmt, limits), rejected, accepted)
    except ArgmapError as error:
        _fail(error)
    _out(report.as_json() if output == "json" else report.as_text(), nl=False)


@main.command()
@click.argument("map_path", metavar="[MAP]", required=False, type=MAP_ARG)
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1; 0 picks any free port.",
)
@THEME_OPTION
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@COLOR_BY_OPTION
@click.option("-q", "--quiet", is_flag=True, help="Print only the address, not each rebuild.")
@click.option("-v", "--verbose", is_flag=True, help="Also log every request.")
@FROM_OPTION
@limit_options
def serve(map_path, port, theme, open_browser, color_by, quiet, verbose, fmt, limits):
    """Preview MAP in a browser, re-rendered whenever it or its source text is saved.

    Serves on 127.0.0.1 only. The open page reloads itself after each save; a map
    with errors shows them (file:line:col) instead of the last good map. Ctrl-C stops.

    \b
    Examples:
      argmap serve my.yaml --open         # http://127.0.0.1:8000/
      argmap serve my.yaml --port 0       # any free port
      argmap serve my.yaml --color-by group  # box colours by group, not kind
    """
    from argmap.commands.serve import serve_map

    source = _map_path(map_path)

    def ready(server):
        _out(f"serving {source} at {server.url} (Ctrl-C to stop)")
        if open_browser:
            click.launch(server.url)

    def rebuilt(preview):
        if quiet:
            return
        try:
            if not preview.ok:
                click.echo("\n".join(preview.problems), err=True)
            elif preview.builds > 1:  # the first load is announced by the address alone
                click.echo(f"reloaded {source}")
        except OSError:
            pass  # a terminal that is gone must not stop the preview the browser still shows

    try:
        serve_map(
            source,
            port=port,
            fmt=fmt,
            theme=theme,
            on_ready=ready,
            on_rebuild=rebuilt,
            log_requests=verbose,
            limits=limits,
            color_by=color_by,
        )
    except ArgmapError as error:
        _fail(error)
    _out("stopped the preview server")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--source",
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="TEXT",
    help="The text the map reconstructs; copied beside the map.",
)
def new(path, source):
    """Write a commented starter map to PATH that passes `argmap check`.

    With --source, the text is copied beside the map (unless it is already there)
    and the starter quotes its first sentence. The map's first line names the map
    format's JSON Schema, written beside it as argmap.schema.json (unless one is there),
    so editors with a YAML language server complete and check keys as you type. PATH
    must not exist yet: argmap new never overwrites a file (exit 2).

    \b
    Examples:
      argmap new my.yaml
      argmap new essay/map.yaml --source ~/Downloads/essay.txt
      argmap check essay/map.yaml && argmap serve essay/map.yaml --open
    """
    from argmap.commands.starter_map import write_starter

    try:
        written = write_starter(path, source)
    except ArgmapError as error:
        _fail(error)
    for item in written:
        _out(f"wrote {item}")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: standard output).",
)
def schema(output):
    """Print the JSON Schema of the map format, for editors and other tools.

    A YAML file whose first line is `# yaml-language-server: $schema=PATH-OR-URL`
    gets completion and checking of its keys in VS Code (YAML extension) and other
    editors; `argmap new` writes that line. The schema checks the shape of a map;
    `argmap check` checks everything (references, cycles, quotes).

    \b
    Examples:
      argmap schema -o argmap.schema.json
      argmap schema | python -m json.tool
    """
    from argmap.output_files import write_atomic
    from argmap.page.package_data import schema_path

    text = schema_path().read_text(encoding="utf-8")
    if output:
        try:
            write_atomic(output, text)
        except ArgmapError as error:
            _fail(error)
        click.echo(f"wrote {output}", err=True)
    else:
        _out(text, nl=False)


if __name__ == "__main__":
    main()
