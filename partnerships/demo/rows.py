"""Fast construction of unsaved model instances for bulk_create."""

_columns = {}
_names = {}


def columns(model):
    """[(attname, field, has a callable default, static default)] in column order, worked out once per model."""
    if model not in _columns:
        _columns[model] = [
            (field.attname, field, field.has_default() and callable(field.default), field.get_default())
            for field in model._meta.concrete_fields
        ]
        _names[model] = frozenset(name for name, *_ in _columns[model])
    return _columns[model]


def new(model, **values):
    """An unsaved `model(**values)` for bulk_create, built as `model(*row)`.

    Django's keyword path looks up every field it is not given inside a try/except; passing the
    whole row positionally is two to three times faster, which counts at half a million rows.
    Values are keyed by attname (`partnership_id`, not `partnership`).
    """
    row = columns(model)
    if unknown := values.keys() - _names[model]:
        raise TypeError(f"{model.__name__} has no column {', '.join(sorted(unknown))}")
    return model(
        *[
            values[name] if name in values else (field.get_default() if dynamic else default)
            for name, field, dynamic, default in row
        ]
    )
