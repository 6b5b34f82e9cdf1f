"""Read a page's form the way a browser would submit it, so tests post exactly what a person sends."""

from html.parser import HTMLParser

SKIP_INPUTS = {"submit", "button", "reset", "image", "file"}


class FormReader(HTMLParser):
    def __init__(self, form_index):
        super().__init__(convert_charrefs=True)
        self.form_index = form_index
        self.forms_seen = -1
        self.inside = False
        self.fields = []  # (name, value) in document order
        self.select = None  # (name, options [(value, selected)])
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms_seen += 1
            self.inside = self.forms_seen == self.form_index and attrs.get("method", "get").lower() == "post"
            return
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in SKIP_INPUTS or (kind in ("checkbox", "radio") and "checked" not in attrs):
                return
            self.fields.append((name, attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name:
            self.select = (name, [])
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "selected" in attrs, ""]
            self.select[1].append(self.option)
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.option is not None:
            self.option[2] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            name, options = self.select
            chosen = next((o for o in options if o[1]), options[0] if options else None)
            if chosen is not None:
                self.fields.append((name, chosen[0] if chosen[0] is not None else chosen[2].strip()))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None


def form_data(response, form_index=None):
    """{name: value or [values]} of the page's POST form (the first one that has a CSRF token after
    the sign-out form in the header, unless `form_index` is given)."""
    html = response.content.decode()
    if form_index is None:
        form_index = 1  # 0 is the header's sign-out form
    reader = FormReader(form_index)
    reader.feed(html)
    data = {}
    for name, value in reader.fields:
        if name in data:
            data[name] = [*data[name], value] if isinstance(data[name], list) else [data[name], value]
        else:
            data[name] = value
    assert "csrfmiddlewaretoken" in data, "no POST form found on the page"
    return data
