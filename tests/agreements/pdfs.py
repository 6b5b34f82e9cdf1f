"""Reading PDFs back in tests."""

import io

from pypdf import PdfReader


def pdf_pages(content):
    """The text of each page, as a PDF reader (or screen reader) would get it."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content):
    return "\n".join(pdf_pages(content))


def flat(text):
    """Text with line breaks and repeated spaces collapsed, so wrapped phrases still match."""
    return " ".join(text.split())
