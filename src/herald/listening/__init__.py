"""Listening: brand queries over incoming mentions, counts in time buckets, and alerts.

Pure, in-process functions: no database and no network. Services store and deliver.
"""
