"""The headless core: article text and a topic profile in, Polars tables out.

Nothing under `rarewatch.core` may import Textual; a test guards the boundary so that `scan`,
the cache, the benchmarks and the dashboard all run the one same analysis.
"""
