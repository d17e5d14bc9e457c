"""Expensive downloads bounded: PDF and Word renders through a small pool with a time limit.

The pool itself is core.renders (shared with the finder's comparison downloads, so one bound
holds for every file the site makes); guidance's exports use it through these names.
"""

from core.renders import Busy, NoRoom, RenderPool, cached, render

__all__ = ["Busy", "NoRoom", "RenderPool", "cached", "render"]
