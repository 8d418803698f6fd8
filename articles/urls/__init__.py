"""URL configurations, one per namespace: the archive, reader accounts and comments."""
