"""Demo data for Northmoor County Council: a curated story (scenario) and generated bulk rows (bulk).

`python manage.py seed_demo` builds the scenario; `--scale N` adds generated partnerships up to N.
"""
