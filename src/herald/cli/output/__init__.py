"""Formatters for ``herald check`` results."""
