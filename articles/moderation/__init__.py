"""Moderation reads: the queues' figures and the dashboard's statistics."""
