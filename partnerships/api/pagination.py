from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class PartnershipPagination(Pagination):
    """A partnership comes with its partners, risks, objectives, reviews and agreements: 25 a page
    keeps a page's answer quick (about 3 KB each); ask for up to 500 with `page_size`."""

    page_size = 25
