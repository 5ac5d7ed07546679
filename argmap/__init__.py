"""argmap: argument maps from YAML to interactive, embeddable HTML."""

__version__ = "0.1.0"
