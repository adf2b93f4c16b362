"""The scan engine."""
