"""Output files are written whole or not at all."""
from __future__ import annotations

import os

import pytest

from argmap.errors import UsageError
from argmap.files import write_atomic


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    assert oct(target.stat().st_mode & 0o777) == "0o644"


def test_a_failed_rename_keeps_the_old_file_and_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UsageError, match="cannot write .*page.html.*Permission denied"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_a_directory_in_the_way_is_a_clear_error(tmp_path):
    (tmp_path / "page.html").mkdir()
    with pytest.raises(UsageError, match="cannot write"):
        write_atomic(tmp_path / "page.html", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
