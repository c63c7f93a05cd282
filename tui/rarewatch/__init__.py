"""rarewatch: follow one fast-moving news story from a folder of articles."""

from __future__ import annotations

__version__ = "0.1.0"
