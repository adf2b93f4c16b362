"""Business rules and state machines. Every function takes a Session and the acting Person.

Callers own the transaction: wrap work in :func:`herald.services.transaction.run_in_transaction`
(it retries when a concurrent writer got there first) or commit the session themselves.
"""
