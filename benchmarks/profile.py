"""`python benchmarks/profile.py`: the per-stage profile of benchmarks/stage_profile.py (see its --help).

This file's name is also the standard library's `profile` module, which cProfile imports. A script
in this folder puts the folder first on sys.path, so `import profile` finds this file: imported
rather than run, it loads the standard library's module and puts that in its place.
"""

import sys

if __name__ == "__main__":
    from stage_profile import main

    sys.exit(main())
else:
    import importlib.util
    import sysconfig
    from pathlib import Path

    _spec = importlib.util.spec_from_file_location(
        "profile", Path(sysconfig.get_paths()["stdlib"]) / "profile.py"
    )
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["profile"] = (
        _module  # the import statement returns what sys.modules holds afterwards
    )
    _spec.loader.exec_module(_module)
