import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnerships.settings")
application = get_wsgi_application()

from partnerships.checks import refuse_to_start_without_static_files  # noqa: E402 - needs Django set up

refuse_to_start_without_static_files()

from partnerships.process import settle_garbage_collector  # noqa: E402

settle_garbage_collector()
