import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnerships.settings")
application = get_wsgi_application()

from partnerships.checks import refuse_to_start_without_static_files  # noqa: E402 - needs Django set up

refuse_to_start_without_static_files()

# Everything loaded so far (Django and the apps) lives as long as the process: keep it out
# of the garbage collector's sweeps, so a full collection during a request walks only what requests
# made. (Python's documentation suggests gc.freeze() for long-running server processes.)
gc.collect()
gc.freeze()
