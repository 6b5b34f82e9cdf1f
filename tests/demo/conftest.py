from io import StringIO

from django.core.management import call_command


def seed(*args):
    """Run seed_demo and return what it printed."""
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()
