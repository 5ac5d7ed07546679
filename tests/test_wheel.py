"""An installed wheel, not only a checkout, finds its templates and the bundled map."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.slow
def test_wheel_installs_into_fresh_venv_and_renders(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        cwd=tmp_path,
    )
    wheel = next(wheels.glob("argmap-*.whl"))
    # the venv sees the dependencies already installed here, but not this checkout
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run(
        [str(python), "-c", "import argmap, argmap_cli; print(argmap.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    )
    assert where.stdout.startswith(site), "imported argmap from the checkout, not the wheel"
    result = subprocess.run(
        [str(env_dir / "bin" / "argmap"), "render", "-o", "page.html"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    page = (work / "page.html").read_text(encoding="utf-8")
    assert 'class="argmap"' in page and "new vis.Network" in page
    check = subprocess.run(
        [str(env_dir / "bin" / "argmap"), "check"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    )
    assert check.returncode == 0, check.stdout + check.stderr
