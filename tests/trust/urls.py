"""Every URL pattern of the project, walked from the resolver (so a new view cannot escape a test)."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse


def walk(patterns, prefix="", namespace=""):
    """(namespaced name, route, pattern) for every URL pattern, depth first."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", prefix + str(entry.pattern), entry


def all_patterns():
    return list(walk(get_resolver().url_patterns))


def admin_object_ids():
    """{admin URL name prefix: pk of a real object} for every model registered in the admin site."""
    ids = {}
    for model in admin.site._registry:
        first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        ids[f"admin:{model._meta.app_label}_{model._meta.model_name}_"] = first if first is not None else 0
    return ids


def admin_url(name, route, pattern, object_ids):
    """A URL for an admin pattern, naming a real object where the pattern takes one."""
    if not pattern.name:  # the unnamed "<object_id>/" redirects and the catch-all
        if "<path:object_id>" not in route:
            return "/admin/no-such-page/"
        app, model = route.split("/")[1:3]
        return "/" + route.replace("<path:object_id>", str(object_ids.get(f"admin:{app}_{model}_", 0)))
    kwargs = {}
    for key in pattern.pattern.regex.groupindex:
        if key == "object_id":
            prefix = next((p for p in object_ids if name.startswith(p)), None)
            kwargs[key] = object_ids.get(prefix, 0)
        elif key == "app_label":
            kwargs[key] = "register"
        elif key == "content_type_id":
            from django.contrib.contenttypes.models import ContentType

            from register.models import Partnership

            kwargs[key] = ContentType.objects.get_for_model(Partnership).pk
        else:
            kwargs[key] = 1
    regex = pattern.pattern.regex
    if regex.groups > len(regex.groupindex):  # simple-history's "<object_id>/history/<history_id>/"
        prefix = next(p for p in object_ids if name.startswith(p))
        model = next(m for m in admin.site._registry if prefix == f"admin:{m._meta.app_label}_{m._meta.model_name}_")
        record = model.history.order_by("history_id").first() if hasattr(model, "history") else None
        return reverse(name, args=[object_ids[prefix], record.history_id if record else 0])
    if "content_type_id" in kwargs:
        from register.models import Partnership

        kwargs["object_id"] = Partnership.objects.order_by("pk").first().pk
    return reverse(name, kwargs=kwargs)
