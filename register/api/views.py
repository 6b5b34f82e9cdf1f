from django.db import transaction
from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from partnerships.api.exceptions import Conflict
from partnerships.api.pagination import PartnershipPagination
from partnerships.api.query import only_shown

from .. import lifecycle
from ..filtersets import PartnershipFilterSet
from ..models import Partnership, PartnershipMember, RiskEntry
from .sections import prefetches
from .serializers import (
    PartnershipSerializer,
    RiskSerializer,
    TransitionRefusedSerializer,
    TransitionSerializer,
)

PREFETCH = (
    Prefetch(
        "memberships",
        queryset=PartnershipMember.objects.select_related("organisation").only(
            "partnership", "role", "organisation__name"
        ),
    ),
    Prefetch("risks", queryset=only_shown(RiskEntry.objects.all(), RiskSerializer, "partnership")),
)


class PartnershipViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Partnerships on the register, with their partners, risks, objectives, reviews and agreements.

    The list takes the same filters as the register list in the browser (`q`, `status`,
    `partnership_type`, `directorate`, `significance`, `rag`, `lead_officer`, `scope`,
    `review_overdue`, `sort`).
    """

    serializer_class = PartnershipSerializer
    pagination_class = PartnershipPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = PartnershipFilterSet
    lookup_field = "reference"
    lookup_value_regex = "[^/]+"
    rules = {
        "list": "register.view_partnership",
        "retrieve": "register.view_partnership",
        "create": "register.add_partnership",
        "update": "register.change_partnership",
        "partial_update": "register.change_partnership",
        "transition": "register.manage_partnership",
    }

    def get_queryset(self):
        return (
            Partnership.objects.select_related("directorate", "lead_officer")
            .prefetch_related(*PREFETCH, *prefetches(self.request))
            .order_by("reference")
        )

    def perform_create(self, serializer):
        serializer.validated_data.pop("lock_version", None)
        serializer.save(created_by=self.request.user)

    def perform_update(self, serializer):
        data = serializer.validated_data
        expected = data.pop("lock_version")
        partnership = serializer.instance
        for field, value in data.items():
            setattr(partnership, field, value)
        with transaction.atomic():
            if not partnership.save_checked(expected):
                raise Conflict()

    @extend_schema(
        request=TransitionSerializer,
        responses={
            200: PartnershipSerializer,
            409: OpenApiResponse(TransitionRefusedSerializer, description="The move is not allowed; reasons say why."),
        },
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, reference=None):
        """Move the partnership along its lifecycle, with the same checks as the browser."""
        partnership = self.get_object()
        form = TransitionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        expected = form.validated_data.get("lock_version")
        if expected is not None and expected != partnership.lock_version:
            raise Conflict()
        try:
            partnership.transition(form.validated_data["to_status"], by=request.user, note=form.validated_data["note"])
        except lifecycle.TransitionNotAllowed as refusal:
            reasons = getattr(refusal, "reasons", [str(refusal)])
            return Response({"reasons": reasons}, status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(self.get_queryset().get(pk=partnership.pk)).data)
