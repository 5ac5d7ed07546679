"""How long `argmap analyse` takes (labels and load-bearing premises) on synthetic maps of growing size.

`python benchmarks/analyse.py 100 200 1000` prints one line per size: basic premises, whether
pairs were checked (at most analyse.PAIR_LIMIT basic premises), and seconds.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_map  # noqa: E402

from argmap.analysis.analyse import analyse_map  # noqa: E402
from argmap.formats.native_read import load_map  # noqa: E402


def main(argv=None) -> int:
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [50, 100, 200, 1000]
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            amap = load_map(write_map(Path(folder) / f"map{size}.yaml", size))
            start = time.perf_counter()
            report = analyse_map(amap)
            seconds = time.perf_counter() - start
            print(
                f"{size:>6} claims  {report.basic_count:>5} basic premises  "
                f"pairs {'checked' if report.pairs_checked else 'skipped'}  {seconds:.3f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
