"""Open data: a public transparency page and the files behind it (no sign-in needed)."""

import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.http import condition, require_safe

from .. import opendata

PUBLIC_CACHE = "public, max-age=300"


def _etag(kind):
    return lambda request: opendata.current()["etags"][kind]


def _last_modified(request):
    return opendata.current()["last_modified"]


def _file(kind, content_type, filename):
    @require_safe
    @condition(etag_func=_etag(kind), last_modified_func=_last_modified)
    def view(request):
        response = HttpResponse(opendata.current()["files"][kind], content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Cache-Control"] = PUBLIC_CACHE
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return view


partnerships_csv = _file("csv", "text/csv; charset=utf-8", "partnerships.csv")
partnerships_json = _file("json", "application/json", "partnerships.json")
schema_json = _file("schema", "application/schema+json", "partnerships-schema.json")


def _for_people(row):
    """A published row with real dates, so the page can show them as "1 April 2025"."""
    dates = {key: datetime.date.fromisoformat(row[key]) if row[key] else None for key in ("start_date", "end_date")}
    return {**row, **dates}


@method_decorator(require_safe, name="dispatch")
class TransparencyView(View):
    def get(self, request):
        data = opendata.current()
        response = render(
            request,
            "register/open_data.html",
            {"rows": [_for_people(row) for row in data["rows"]], "last_modified": data["last_modified"]},
        )
        response["Cache-Control"] = PUBLIC_CACHE if not request.user.is_authenticated else "private"
        return response
