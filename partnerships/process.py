"""How a long-running server process treats Python's garbage collector (partnerships/wsgi.py, bench/run.py)."""

import gc

# Young objects a collection waits for: 10,000, not Python's 700. A page such as the API's partnership
# list makes tens of thousands of objects in reference cycles (model instances and their prefetched
# related objects point at each other); collected every 700, the ones still in use are promoted, die in
# the oldest generation, and are swept by full collections of 20–60 ms that land on one request in ten.
# Waiting for 10,000 lets most die young. SQLite, 20,000 partnerships, 200 requests each, two runs:
# API list p95 42–44 → 26–27 ms with the same CPU in all (5.1 s); the partnership page unchanged
# (p95 27 → 28 ms).
YOUNG_OBJECTS_PER_COLLECTION = 10_000


def settle_garbage_collector():
    """Call once the process has loaded everything it keeps: Django, the apps, the URLconf.

    What is loaded by then lives as long as the process, so it is frozen out of every collection
    (Python's documentation suggests gc.freeze() for long-running servers); later collections walk
    only what requests made.
    """
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, middle, oldest)
