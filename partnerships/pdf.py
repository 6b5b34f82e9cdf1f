"""What every WeasyPrint render in the project shares: a stylesheet parsed once per thread.

Parsing the CSS and loading its fonts into Pango costs the same for every document, so each thread
keeps its parsed stylesheet and FontConfiguration (Pango font maps are not thread-safe) and parses
again only when the file changes. agreements/pdf.py does the same for the agreement's stylesheet.
"""

import atexit
import os
import threading
from pathlib import Path

from django.contrib.staticfiles import finders

_per_thread = threading.local()
# Drop the exiting thread's fonts before interpreter shutdown: FontConfiguration.__del__ needs shutil.
atexit.register(lambda: _per_thread.__dict__.clear())


def stylesheet(name):
    """(CSS, FontConfiguration, base URL) for the static file `name`, parsed once per thread."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    path = finders.find(name)
    key = (path, os.stat(path).st_mtime_ns)
    cache = _per_thread.__dict__.setdefault("stylesheets", {})
    cached = cache.get(name)
    if cached is None or cached[0] != key:
        font_config = FontConfiguration()
        css = CSS(filename=path, font_config=font_config)
        cached = cache[name] = (key, css, font_config, str(Path(path).parent))
    return cached[1:]
