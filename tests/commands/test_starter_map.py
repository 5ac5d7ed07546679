"""`argmap new`: a starter map that passes `check --strict`, never overwriting anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats.native_read import load_map
from argmap.commands.starter_map import first_sentence
from argmap_cli import main


def _check_clean(runner, path: Path):
    result = runner.invoke(main, ["check", str(path), "--strict", "--enable", "all"])
    assert (result.exit_code, result.output) == (0, "1 map checked: 0 error(s), 0 warning(s)\n")


def test_starter_map_passes_check_with_every_rule(runner, tmp_path):
    path = tmp_path / "my.yaml"
    result = runner.invoke(main, ["new", str(path)])
    assert (result.exit_code, result.output) == (
        0,
        f"wrote {path}\nwrote {tmp_path / 'argmap.schema.json'}\n",
    )
    _check_clean(runner, path)
    text = path.read_text()
    assert text.startswith(
        "# yaml-language-server: $schema=argmap.schema.json\n# A starter argument map."
    )
    assert "argmap check my.yaml" in text  # the comments name the file the user chose
    amap = load_map(path)
    assert amap.main == ["plant-trees"]
    assert any(c.implicit for c in amap.claims.values())
    assert any(r.conclusion in amap.reasons for r in amap.reasons.values())  # an undercut


def test_starter_renders(runner, tmp_path):
    path = tmp_path / "my.yaml"
    runner.invoke(main, ["new", str(path)])
    result = runner.invoke(main, ["render", str(path), "-o", str(tmp_path / "my.html"), "-q"])
    assert (result.exit_code, result.output) == (0, "")
    assert "Cities should plant more street trees" in (tmp_path / "my.html").read_text()


def test_refuses_to_overwrite_an_existing_map(runner, tmp_path):
    path = tmp_path / "my.yaml"
    path.write_text("mine\n")
    result = runner.invoke(main, ["new", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"'{path}' already exists: argmap new never overwrites a file (choose another name)\n"
    )
    assert path.read_text() == "mine\n"


def test_source_is_copied_beside_the_map_and_quoted(runner, tmp_path):
    text = (
        'Dated 1 May\n\nOur city is "too hot": its streets #1 in heat, café owners say.  '
        "Trees\nwould help.\n"
    )
    source = tmp_path / "in" / "op-ed.txt"
    source.parent.mkdir()
    source.write_text(text, encoding="utf-8")
    path = tmp_path / "maps" / "tree.yaml"  # a folder that does not exist yet
    result = runner.invoke(main, ["new", str(path), "--source", str(source)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"wrote {path}\nwrote {tmp_path / 'maps' / 'op-ed.txt'}\n"
        f"wrote {tmp_path / 'maps' / 'argmap.schema.json'}\n"
    )
    assert (tmp_path / "maps" / "op-ed.txt").read_text(encoding="utf-8") == text
    amap = load_map(path)
    assert amap.source.text == "op-ed.txt"
    # the short dated line is skipped; YAML specials in the quote survive the round trip
    assert amap.claims["plant-trees"].quote == (
        'Our city is "too hot": its streets #1 in heat, café owners say.'
    )
    _check_clean(runner, path)


def test_source_already_beside_the_map_is_not_copied(runner, tmp_path):
    source = tmp_path / "essay.txt"
    source.write_text("The essay argues one thing at some length here.\n")
    path = tmp_path / "essay.yaml"
    result = runner.invoke(main, ["new", str(path), "--source", str(source)])
    schema = tmp_path / "argmap.schema.json"
    assert (result.exit_code, result.output) == (0, f"wrote {path}\nwrote {schema}\n")
    _check_clean(runner, path)


def test_different_file_in_the_way_of_the_copy_stops_everything(runner, tmp_path):
    source = tmp_path / "in" / "essay.txt"
    source.parent.mkdir()
    source.write_text("The new essay text, a sentence long enough.\n")
    (tmp_path / "essay.txt").write_text("an older text\n")
    path = tmp_path / "essay.yaml"
    result = runner.invoke(main, ["new", str(path), "--source", str(source)])
    assert result.exit_code == 2
    assert result.output == (
        f"'{tmp_path / 'essay.txt'}' already exists and differs from "
        f"'{source}': argmap new never overwrites a file (rename one of "
        "them)\n"
    )
    assert not path.exists()
    assert (tmp_path / "essay.txt").read_text() == "an older text\n"


def test_map_name_must_be_yaml(runner, tmp_path):
    result = runner.invoke(main, ["new", str(tmp_path / "map.txt")])
    assert (result.exit_code, result.output) == (
        2,
        "the map's name must end in .yaml or .yml, not 'map.txt'\n",
    )


def test_source_must_be_utf8(runner, tmp_path):
    source = tmp_path / "latin1.txt"
    source.write_bytes("Caf\xe9 culture is good for cities.\n".encode("latin-1"))
    result = runner.invoke(main, ["new", str(tmp_path / "m.yaml"), "--source", str(source)])
    assert result.exit_code == 2
    assert result.output == f"source text '{source}' is not UTF-8 (save it as UTF-8 first)\n"
    assert not (tmp_path / "m.yaml").exists()


def test_output_is_deterministic(runner, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        runner.invoke(main, ["new", str(tmp_path / folder / "m.yaml")])
    assert (tmp_path / "a" / "m.yaml").read_bytes() == (tmp_path / "b" / "m.yaml").read_bytes()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two.", "One."),
        (
            "Heading\nA first sentence with enough words in it. Second one.",
            "A first sentence with enough words in it.",
        ),
        ("no full stop at all but six words", "no full stop at all but six words"),
        (" ".join(f"w{i}" for i in range(40)) + ".", " ".join(f"w{i}" for i in range(25))),
        ("\n \n", None),
        (  # hard-wrapped, blank lines between paragraphs: the sentence stays whole
            "Heading\n\nA first sentence that is wrapped\nat a short column. Next one.\n",
            "A first sentence that is wrapped at a short column.",
        ),
    ],
)
def test_first_sentence(text, expected):
    assert first_sentence(text) == expected
