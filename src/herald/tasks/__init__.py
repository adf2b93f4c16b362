"""Background work: the periodic scheduler and, with a broker, tasks on a Dramatiq worker pool.

Tasks are thin wrappers around services. Without ``HERALD_BROKER_URL`` nothing here needs
a broker: ``herald serve`` runs the scheduler in a thread and publishes in-process.
"""
