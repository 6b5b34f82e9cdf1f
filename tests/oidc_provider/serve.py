"""Start the test OpenID Connect provider on a free port and print its base URL.

    python -m tests.oidc_provider.serve REDIRECT_URI PEOPLE_JSON

PEOPLE_JSON: [{"username", "password", "first_name", "last_name", "email", "groups": [...]}].
It registers one confidential client (id "register", secret "register-secret") that may redirect
to REDIRECT_URI, then serves until it is stopped.
"""

import json
import os
import sys
import tempfile
from wsgiref.simple_server import WSGIRequestHandler, make_server

CLIENT_ID, CLIENT_SECRET = "register", "register-secret"


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main(redirect_uri, people):
    os.environ.setdefault("IDP_DATABASE", os.path.join(tempfile.mkdtemp(prefix="idp-"), "idp.sqlite3"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for person in people:
        groups = person.pop("groups", [])
        user = User.objects.create_user(**person)
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    Application.objects.create(
        name="Partnership register",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        hash_client_secret=False,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        post_logout_redirect_uris=redirect_uri.rsplit("/sso/", 1)[0] + "/accounts/login/",
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
    print(f"http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1], json.loads(sys.argv[2]))
