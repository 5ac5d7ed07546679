"""argmap: argument maps from YAML to interactive, embeddable HTML."""

__version__ = "0.1.0"


def show(map_or_path, **options) -> None:
    """Display a map inline in a Jupyter notebook: see argmap.notebook.show."""
    from .notebook import show as _show  # lazy: a plain `import argmap` stays light

    _show(map_or_path, **options)
