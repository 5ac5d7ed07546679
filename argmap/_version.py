"""The version of argmap: one place, read by the package, the page, Sphinx and setup.cfg."""

__version__ = "0.1.0"
