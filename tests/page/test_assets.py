"""Shared assets: one content-hashed script and style for many pages and fragments, from disk and over http."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from argmap.page.assets import ASSET_FOLDER, relative_prefix, shared_assets, write_assets
from argmap.errors import UsageError
from argmap.page.fragment_options import default_id_prefix
from argmap.formats.native_read import load_map
from argmap.page.render import render_fragment, render_page
from argmap.commands.folder_site import render_site
from argmap_cli import main
from conftest import SiteReader

CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _page(head: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Article</title>'
        f"{head}</head><body><h1>An article</h1>\n{body}\n</body></html>"
    )


# ---------- the files ----------


def test_files_are_content_hashed_deterministic_and_written_once(tmp_path):
    first, second = write_assets(tmp_path / "a"), write_assets(tmp_path / "b")
    assert first == second == shared_assets()
    for name in (first.js, first.css):
        data = (tmp_path / "a" / name).read_bytes()
        assert data == (tmp_path / "b" / name).read_bytes()
        assert name == f"argmap-{hashlib.sha256(data).hexdigest()[:12]}{Path(name).suffix}"
    script = (tmp_path / "a" / first.js).read_text("utf-8")
    # vis-network, then evaluate.js, viewer.js, whatif.js: the order the page needs them in
    order = [
        script.index("ns.vis = module.exports"),
        script.index("argmap evaluation:"),
        script.index("argmap viewer:"),
        script.index('argmap "what if"'),
    ]
    assert order == sorted(order)
    # idempotent: a second call leaves the files alone, a changed file is put right
    js = tmp_path / "a" / first.js
    before = js.stat().st_mtime_ns
    assert write_assets(tmp_path / "a") == first and js.stat().st_mtime_ns == before
    js.write_text("tampered", encoding="utf-8")
    write_assets(tmp_path / "a")
    assert js.read_bytes() == (tmp_path / "b" / first.js).read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted([first.js, first.css])


def test_tags_use_the_relative_url_and_integrity_only_on_request():
    assets = shared_assets()
    tags = assets.tags("../_static")
    assert f'<link rel="stylesheet" href="../_static/{assets.css}">' in tags
    assert f'<script defer src="../_static/{assets.js}"></script>' in tags
    assert "integrity" not in tags
    sri = assets.tags("", integrity=True)
    assert f'src="{assets.js}" integrity="sha384-' in sri and 'crossorigin="anonymous"' in sri


def test_relative_prefix_from_page_folder_to_assets(tmp_path):
    assert (
        relative_prefix(tmp_path / "site" / "a b", tmp_path / "site" / "_argmap") == "../_argmap/"
    )
    assert relative_prefix(tmp_path, tmp_path) == ""
    assert relative_prefix(tmp_path, tmp_path / "x y") == "x%20y/"


def test_cli_render_with_assets_references_them_relatively(runner, maps_dir, tmp_path):
    out = tmp_path / "site" / "pages" / "small.html"
    out.parent.mkdir(parents=True)
    result = runner.invoke(
        main,
        [
            "render",
            str(maps_dir / "small.yaml"),
            "-o",
            str(out),
            "--assets",
            str(tmp_path / "site" / "static"),
        ],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assets = shared_assets()
    assert f'<script defer src="../static/{assets.js}"></script>' in html
    assert (tmp_path / "site" / "static" / assets.js).is_file()
    assert "<script>" not in html  # nothing inlined but the page data (a JSON block)
    # the default stays one self-contained page
    alone = tmp_path / "alone.html"
    runner.invoke(main, ["render", str(maps_dir / "small.yaml"), "-o", str(alone)])
    assert assets.js not in alone.read_text("utf-8")
    assert "<script>" in alone.read_text("utf-8")


def test_csp_allows_shared_files_by_self_and_nothing_inline_but_by_hash(maps_dir):
    html = render_page(load_map(maps_dir / "small.yaml"), assets="_argmap/")
    policy = CSP.search(html).group(1)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"].startswith("'self' 'sha256-")  # the page's own body style
    assert directives["default-src"] == "'none'"


# ---------- ids ----------


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


def test_same_map_twice_has_no_duplicate_ids(maps_dir):
    amap = load_map(maps_dir / "small.yaml")
    first = render_fragment(amap, assets="", id_prefix=default_id_prefix(amap, 1))
    second = render_fragment(amap, assets="", id_prefix=default_id_prefix(amap, 2))
    ids = _ids(first) + _ids(second)
    assert ids and [i for i, n in Counter(ids).items() if n > 1] == []
    # every outline link still points at an anchor of its own fragment
    for html in (first, second):
        assert set(re.findall(r'href="#([^"]+)"', html)) <= set(_ids(html))
    assert default_id_prefix(amap) == default_id_prefix(load_map(maps_dir / "small.yaml"))


def test_bad_fragment_options_are_usage_errors(maps_dir):
    amap = load_map(maps_dir / "small.yaml")
    with pytest.raises(UsageError, match="invalid id prefix 'a:b'"):
        render_fragment(amap, id_prefix="a:b")
    with pytest.raises(UsageError, match="invalid height '12parsecs'"):
        render_fragment(amap, height="12parsecs")


# ---------- in the browser ----------


@pytest.mark.browser
def test_three_fragments_load_the_library_once_and_deep_links_pick_the_map(
    browser, maps_dir, tmp_path
):
    small, cycle = load_map(maps_dir / "small.yaml"), load_map(maps_dir / "objection-cycle.yaml")
    assets = write_assets(tmp_path / ASSET_FOLDER)
    fragments = [
        render_fragment(small, assets=f"{ASSET_FOLDER}/", id_prefix="first"),
        render_fragment(cycle, assets=f"{ASSET_FOLDER}/", height=300),
        render_fragment(small, assets=f"{ASSET_FOLDER}/", id_prefix="again"),
    ]
    (tmp_path / "article.html").write_text(
        _page(assets.tags(f"{ASSET_FOLDER}/"), "\n<p>Between.</p>\n".join(fragments)), "utf-8"
    )
    watch = SiteReader(browser)
    page = watch.open((tmp_path / "article.html").as_uri() + "#again:zoning", maps=3)
    assert watch.fetched(".js") == 1 and watch.fetched(assets.js) == 1
    assert watch.fetched(".css") == 1
    assert page.evaluate("window.argmap.views.map(v => v.selected)") == [None, None, "zoning"]
    # no duplicate ids once the script has added its own
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    # the height option reached the map's stage
    assert (
        page.evaluate(
            "getComputedStyle(window.argmap.views[1].container.querySelector('.argmap-stage')).height"
        )
        == "300px"
    )
    # selecting in the first map writes a link that names that map
    page.evaluate("window.argmap.views[0].select('rents-doubled')")
    assert page.evaluate("location.hash") == "#first:rents-doubled"
    page.goto((tmp_path / "article.html").as_uri() + "#first:zoning")
    page.reload()
    page.wait_for_function("document.querySelectorAll('[data-argmap-ready=\"1\"]').length === 3")
    assert page.evaluate("window.argmap.views.map(v => v.selected)") == ["zoning", None, None]
    assert watch.errors == []
    assert all(url.startswith(tmp_path.as_uri()) for url in watch.requests)
    watch.close()


@pytest.mark.browser
def test_fragments_that_bring_their_own_tags_still_run_the_library_once(
    browser, maps_dir, tmp_path
):
    small = load_map(maps_dir / "small.yaml")
    write_assets(tmp_path / "static")
    fragments = [
        render_fragment(
            small, assets="static/", include_asset_tags=True, id_prefix=default_id_prefix(small, n)
        )
        for n in (1, 2, 3)
    ]
    (tmp_path / "article.html").write_text(_page("", "\n".join(fragments)), "utf-8")
    watch = SiteReader(browser)
    page = watch.open((tmp_path / "article.html").as_uri(), maps=3)
    assert watch.fetched(".js") == 1
    assert page.evaluate("window.argmap.views.length") == 3
    assert page.evaluate("Object.keys(window).filter(k => /^(vis|argmap)$/.test(k))") == ["argmap"]
    assert watch.errors == []
    watch.close()


@pytest.mark.browser
def test_site_pages_work_from_disk_and_over_http(browser, maps_dir, tmp_path, serve_folder):
    folder = tmp_path / "maps"
    folder.mkdir()
    for name in ("small.yaml", "source.txt", "objection-cycle.yaml"):
        shutil.copy(maps_dir / name, folder / name)
    site = tmp_path / "site"
    report = render_site(folder, site)
    assert [p.href for p in report.pages] == ["./objection-cycle.html", "./small.html"]
    assets = shared_assets()
    for base in (site.as_uri() + "/", serve_folder(site)):
        for page_name in ("small.html", "objection-cycle.html"):
            watch = SiteReader(browser)
            page = watch.open(
                base + page_name + "#" + ("zoning" if page_name == "small.html" else "b"), maps=1
            )
            assert watch.errors == [], f"{base}{page_name}: {watch.errors}"  # CSP violations too
            assert watch.requests == [
                base + page_name,
                base + f"_argmap/{assets.css}",
                base + f"_argmap/{assets.js}",
            ]
            # a single map keeps plain #claim deep links
            assert page.evaluate("window.argmap.views[0].selected") in ("zoning", "b")
            watch.close()


@pytest.mark.browser
def test_a_blocked_inline_script_stays_blocked_with_shared_assets(browser, maps_dir, tmp_path):
    write_assets(tmp_path / "_argmap")
    html = render_page(load_map(maps_dir / "small.yaml"), assets="_argmap/")
    html = html.replace("</body>", "<script>document.title = 'injected';</script></body>")
    (tmp_path / "page.html").write_text(html, "utf-8")
    watch = SiteReader(browser)
    page = watch.open((tmp_path / "page.html").as_uri(), maps=1)
    assert page.title() != "injected"
    assert any("Content Security Policy" in e for e in watch.errors)
    watch.close()


@pytest.mark.slow
def test_six_hundred_maps_make_a_small_site(tmp_path):
    folder = tmp_path / "maps"
    folder.mkdir()
    for n in range(600):
        claims = "\n".join(f"  - id: c{i}\n    text: Claim {i} of map {n} holds." for i in range(6))
        (folder / f"map{n:03d}.yaml").write_text(
            f"argmap: 1\ntitle: Map {n}\nclaims:\n{claims}\nreasons:\n"
            "  - {id: r1, conclusion: c0, premises: [c1, c2]}\n"
            "  - {id: r2, conclusion: c0, premises: [c3]}\n"
            "  - {id: r3, type: objection, conclusion: c3, premises: [c4]}\n"
            "  - {id: r4, conclusion: c4, premises: [c5]}\n",
            encoding="utf-8",
        )
    report = render_site(folder, tmp_path / "site")
    assert len(report.pages) == 600 and report.failures == []
    total = sum(p.stat().st_size for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert total < 30 * 1024 * 1024, f"{total / 1024 / 1024:.1f} MB"
    assert len(list((tmp_path / "site" / ASSET_FOLDER).iterdir())) == 2


def test_cli_embed_with_assets_brings_its_own_tags(runner, maps_dir, tmp_path):
    out = tmp_path / "fragment.html"
    result = runner.invoke(
        main,
        [
            "render",
            str(maps_dir / "small.yaml"),
            "--embed",
            "-o",
            str(out),
            "--assets",
            str(tmp_path / "static"),
        ],
    )
    assert result.exit_code == 0, result.output
    fragment = out.read_text("utf-8")
    assets = shared_assets()
    # pasted into a page that cannot touch its <head>, the fragment still loads the library
    assert fragment.count(f'<script defer src="static/{assets.js}"></script>') == 1
    assert "<script>" not in fragment and "<style>" not in fragment
