"""Caching in one place: the tags of what pages show, the headers that tell HTTP caches how to
keep them, the purges sent when a change commits, and the in-app store for deployments without
an HTTP cache. See ``pages`` for what makes a page public."""
