"""The smallest Django view, for the load test only: what the stack itself costs per request.

bench/load/run.sh sets BENCH_TRIVIAL_VIEW=true so that its server answers /bench/trivial, and reports
the scenario's requests per second beside this view's on the same server (the stack's ceiling).
Off by default: a deployment never serves it.
"""

from django.http import HttpResponse


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")
