"""Demo content: the demo newsroom ``load_demo`` loads and the archive ``generate_archive`` writes.

``content`` holds the demo stories, pictures and threads as data; ``newsroom`` loads them
(with ``comments`` for the discussion); ``generator`` writes a large synthetic archive for the
benchmarks from the same vocabulary.
"""
