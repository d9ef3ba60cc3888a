"""A ticketing API on Django REST framework with drf-spectacular, as DRF users write them (serializers, a
viewset, pagination, the default parsers; `run.sh` probes it).

What the API does that its description does not say, which the probe must find and nothing else:
- `@extend_schema(responses=TicketSerializer(many=True))` describes the list as an array; the paginator answers
  an object (response-body-invalid, GET /api/tickets).
- DRF's 400 and 404 are documented nowhere (response-status-undocumented: PATCH's 400, DELETE's and GET's 404 for
  a ticket deleted or made up; warnings for requests made invalid on purpose).
- `IPAddressField` is described as any non-empty string; DRF refuses one that is no address (probe-rejected-valid,
  POST and PATCH).
- `partial=True` reaches the nested `CommentSerializer` too: a PATCH whose comment lacks its required `author` or
  `body` is taken, and answering the ticket then fails on it (probe-server-error, PATCH /api/tickets/{id}).
"""
import uuid
from datetime import datetime, timezone
from decimal import Decimal

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="test",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    USE_TZ=True,
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework", "drf_spectacular"],
    DATABASES={},
    REST_FRAMEWORK={
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
        "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
        "PAGE_SIZE": 10,
    },
    SPECTACULAR_SETTINGS={"TITLE": "Tickets", "VERSION": "3.2.0", "COMPONENT_SPLIT_REQUEST": True},
)
django.setup()

from django.urls import include, path  # noqa: E402
from drf_spectacular.utils import extend_schema  # noqa: E402
from rest_framework import serializers, status, viewsets  # noqa: E402
from rest_framework.exceptions import NotFound  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.routers import DefaultRouter  # noqa: E402


class CommentSerializer(serializers.Serializer):
    author = serializers.EmailField()
    body = serializers.CharField(max_length=2000)
    internal = serializers.BooleanField(default=False)


class TicketSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    title = serializers.CharField(min_length=5, max_length=120)
    status = serializers.ChoiceField(choices=["open", "pending", "solved", "closed"], default="open")
    priority = serializers.ChoiceField(choices=[(1, "low"), (2, "normal"), (3, "urgent")], default=2)
    channel = serializers.ChoiceField(choices=["email", "web", "phone"], allow_blank=True, allow_null=True, required=False)
    requester = serializers.EmailField()
    cc = serializers.ListField(child=serializers.EmailField(), required=False, max_length=5)
    budget = serializers.DecimalField(max_digits=8, decimal_places=2, required=False, allow_null=True)
    tags = serializers.ListField(child=serializers.SlugField(), required=False)
    custom = serializers.DictField(child=serializers.CharField(), required=False)
    payload = serializers.JSONField(required=False)
    source_ip = serializers.IPAddressField(required=False, allow_null=True)
    link = serializers.URLField(required=False, allow_blank=True)
    comments = CommentSerializer(many=True, required=False)
    due = serializers.DateField(required=False, allow_null=True)
    created = serializers.DateTimeField(read_only=True)
    score = serializers.FloatField(min_value=0, max_value=5, required=False)


TICKETS = {}


class TicketViewSet(viewsets.ViewSet):
    serializer_class = TicketSerializer
    lookup_field = "id"
    lookup_value_regex = "[0-9a-f-]{36}"

    @extend_schema(responses=TicketSerializer(many=True))
    def list(self, request):
        from rest_framework.pagination import LimitOffsetPagination
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(list(TICKETS.values()), request, view=self)
        return paginator.get_paginated_response(page)

    def create(self, request):
        s = TicketSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        data["id"] = uuid.uuid4()
        data["created"] = datetime.now(timezone.utc)
        TICKETS[str(data["id"])] = data
        return Response(TicketSerializer(data).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request, id=None):
        if id not in TICKETS:
            raise NotFound()
        return Response(TicketSerializer(TICKETS[id]).data)

    def partial_update(self, request, id=None):
        if id not in TICKETS:
            raise NotFound()
        s = TicketSerializer(data=request.data, partial=True)
        s.is_valid(raise_exception=True)
        TICKETS[id].update(s.validated_data)
        return Response(TicketSerializer(TICKETS[id]).data)

    def destroy(self, request, id=None):
        if TICKETS.pop(id, None) is None:
            raise NotFound()
        return Response(status=status.HTTP_204_NO_CONTENT)


router = DefaultRouter(trailing_slash=False)
router.register("tickets", TicketViewSet, basename="ticket")
urlpatterns = [path("api/", include(router.urls))]

from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()

if __name__ == "__main__":
    import json
    from drf_spectacular.generators import SchemaGenerator
    print(json.dumps(SchemaGenerator().get_schema(request=None, public=True), indent=1, default=str))
