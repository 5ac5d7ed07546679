"""`export --to png|pdf`: the map drawn from its SVG by CairoSVG, at the map's size, without a
browser; a clear message naming the extra when CairoSVG is missing."""

from __future__ import annotations

import builtins
import re
import shutil
import struct
import subprocess

import pytest

from argmap.formats import export_map, read_map
from argmap_cli import main

cairosvg = pytest.importorskip("cairosvg", reason="the images extra: pip install 'argmap[images]'")


@pytest.fixture
def small(maps_dir):
    return read_map(maps_dir / "small.yaml")


def _svg_size(amap) -> tuple[float, float]:
    width, height = re.search(
        r'<svg[^>]* width="([\d.]+)" height="([\d.]+)"', export_map(amap, "svg")
    ).groups()
    return float(width), float(height)


def test_png_is_a_png_of_the_maps_size(small):
    png = export_map(small, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert (width, height) == tuple(int(v) for v in _svg_size(small))


def test_pdf_is_one_page_of_the_maps_size(small):
    pdf = export_map(small, "pdf")
    assert pdf[:5] == b"%PDF-"
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
    box = [float(v) for v in re.search(rb"/MediaBox \[ ?([\d. ]+)\]", pdf).group(1).split()]
    width, height = _svg_size(small)
    assert box == pytest.approx([0, 0, width * 0.75, height * 0.75])  # 96 px = 72 pt


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils' pdftotext")
def test_pdf_keeps_the_text_as_text(small, tmp_path):
    path = tmp_path / "map.pdf"
    path.write_bytes(export_map(small, "pdf"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Cities should build more housing" in " ".join(text.split())
    assert small.title in " ".join(text.split())


def test_the_same_map_gives_the_same_bytes(small, maps_dir):
    again = read_map(maps_dir / "small.yaml")
    assert export_map(small, "pdf") == export_map(again, "pdf")
    assert export_map(small, "png") == export_map(again, "png")


def test_export_writes_png_and_pdf_from_the_command_line(runner, tmp_path, maps_dir):
    for fmt, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF")):
        out = tmp_path / f"map.{fmt}"
        result = runner.invoke(
            main, ["export", str(maps_dir / "small.yaml"), "--to", fmt, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)


def test_without_cairosvg_the_message_names_the_extra_and_exits_2(runner, maps_dir, monkeypatch):
    real_import = builtins.__import__

    def no_cairosvg(name, *args, **kwargs):
        if name == "cairosvg":
            raise ImportError("No module named 'cairosvg'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_cairosvg)
    result = runner.invoke(
        main, ["export", str(maps_dir / "small.yaml"), "--to", "png", "-o", "x.png"]
    )
    assert result.exit_code == 2
    assert "export to png needs CairoSVG: pip install 'argmap[images]'" in result.output
    assert "Traceback" not in result.output


def test_png_and_pdf_take_the_colour_scheme(small):
    assert export_map(small, "png", "tag") != export_map(small, "png")
    assert export_map(small, "pdf", "group") != export_map(small, "pdf")
