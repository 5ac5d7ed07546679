"""Pause Python's cyclic garbage collector while building large object trees that are not garbage."""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused_gc():
    """Building a YAML tree or a page for 10,000 claims allocates ~10^6 containers; each batch of
    allocations triggers a collection that walks every live object, and none of it is garbage.
    Measured on a 10,000-claim map: parsing 1.9 s -> 0.7 s. Reference counting still frees
    everything acyclic; the collector runs again as soon as the block ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
