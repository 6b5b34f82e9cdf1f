"""What the API reads for a resource."""


def only_shown(queryset, serializer_class, *also):
    """`queryset` reading only the columns `serializer_class` shows (its Meta.fields that are
    columns of the model) and `also` (the key a prefetch joins on, what a property reads): the
    nested records' other columns (timestamps, lock version, texts not shown) are neither read nor
    converted."""
    columns = {field.name for field in queryset.model._meta.concrete_fields}
    return queryset.only(*(name for name in serializer_class.Meta.fields if name in columns), *also)
