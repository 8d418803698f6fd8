"""Moderation reads: who moderates, the queues' figures and the dashboard's statistics."""
