"""Security primitives for people signing in to Herald and for API clients.

Pure functions and small classes with no database and no web framework, so the web layer,
the CLI and the services share one implementation of each rule.
"""
