"""`python -m rarewatch` runs the same entry point as the console script."""

from __future__ import annotations

import sys

from rarewatch.cli import main

sys.exit(main())
