"""A customers and orders API on BlackSheep, as BlackSheep users write them (`run.sh` probes it, with the API key
the app takes).

What the API does that its description does not say, which the probe must find and nothing else:
- `Customer.phone` is annotated `str` and holds `None` for a customer created without a phone, and the dataclass's
  `address: Address | None` is described as a plain `$ref`, not nullable: customers without them break their
  schema (response-body-invalid, POST and GET /v1/customers, GET and PATCH /v1/customers/{customer_id}).
- DELETE /v1/customers/{customer_id} documents 204 and 404, and answers 409 while the customer has orders
  (response-status-undocumented).
- `int` query parameters are described as int64; BlackSheep reads any integer, 2^63 too (probe-accepted-invalid,
  GET /v1/customers and GET /v1/orders).
- PATCH /v1/customers/{customer_id} takes a body whose members are all optional, and BlackSheep refuses `{}` with
  "Missing body payload" (probe-rejected-valid; a 400 it does not document: response-status-undocumented).
- `NoteForm.pinned` has a default, and BlackSheep describes it as required all the same: a form without it is
  taken (probe-accepted-invalid, POST /v1/customers/{customer_id}/notes).
- `NoteForm.body` is a `str` with no minimum length, and BlackSheep reads forms with `parse_qsl`, which drops a field
  sent empty: `body=`, what a browser sends for an empty textarea, is refused as a form without a body, with a 400
  it does not document (probe-rejected-valid and response-status-undocumented, POST
  /v1/customers/{customer_id}/notes).
- `OrderCreate` is a dataclass, whose fields BlackSheep binds unchecked: a `ship_on` that is no date is stored and
  answered back (probe-accepted-invalid and response-body-invalid, POST /v1/customers/{customer_id}/orders;
  response-body-invalid, GET /v1/orders), and a JSON string for the body reaches the handler, which fails on it
  (probe-server-error, POST /v1/customers/{customer_id}/orders).
"""

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from enum import StrEnum
from typing import Annotated
from uuid import UUID, uuid4

from blacksheep import Application, Response, FromFile, FromForm, FromHeader, FromJSON, FromQuery
from blacksheep import json as json_response
from blacksheep.server.authentication.apikey import APIKey, APIKeyAuthentication
from blacksheep.server.authorization import allow_anonymous, auth
from blacksheep.server.openapi.common import (
    ContentInfo,
    ParameterInfo,
    ResponseExample,
    ResponseInfo,
)
from blacksheep.server.openapi.v3 import OpenAPIHandler
from essentials.secrets import Secret
from guardpost.common import AuthenticatedRequirement
from guardpost import Policy
from openapidocs.v3 import Info
from pydantic import BaseModel, EmailStr, Field

app = Application()

app.use_authentication().add(
    APIKeyAuthentication(
        APIKey(secret=Secret("sk_test_blacksheep", direct_value=True)),
        param_name="X-API-Key",
        scheme="ApiKey",
        description="Secret API key",
    )
)
app.use_authorization().with_default_policy(
    Policy("default", AuthenticatedRequirement())
)

docs = OpenAPIHandler(info=Info(title="Shop API", version="1.0.0"))
docs.bind_app(app)


# ---------------------------------------------------------------- models


class CustomerStatus(StrEnum):
    active = "active"
    suspended = "suspended"
    closed = "closed"


class Currency(StrEnum):
    usd = "usd"
    eur = "eur"
    gbp = "gbp"


class OrderStatus(StrEnum):
    pending = "pending"
    paid = "paid"
    shipped = "shipped"
    cancelled = "cancelled"


class Address(BaseModel):
    line1: str = Field(min_length=1, max_length=120)
    line2: str | None = None
    city: str = Field(min_length=1, max_length=80)
    postal_code: str = Field(pattern=r"^[A-Z0-9 -]{3,10}$")
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2")


class CustomerCreate(BaseModel):
    email: EmailStr
    name: str = Field(min_length=1, max_length=100)
    phone: str | None = Field(default=None, pattern=r"^\+[1-9][0-9]{6,14}$")
    address: Address | None = None
    tags: list[str] = Field(default_factory=list, max_length=10)
    credit_limit: int = Field(default=0, ge=0, le=1_000_000)


class CustomerUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    status: CustomerStatus | None = None
    address: Address | None = None
    credit_limit: int | None = Field(default=None, ge=0, le=1_000_000)


@dataclass
class Customer:
    id: UUID
    email: str
    name: str
    phone: str
    status: CustomerStatus
    credit_limit: int
    tags: list[str]
    created: datetime
    address: Address | None = None


@dataclass
class CustomerList:
    data: list[Customer]
    has_more: bool
    total: int


@dataclass
class LineItem:
    sku: str
    quantity: int
    unit_amount: int


@dataclass
class OrderCreate:
    currency: Currency
    items: list[LineItem]
    note: str | None = None
    ship_on: date | None = None


@dataclass
class Order:
    id: int
    customer_id: UUID
    currency: Currency
    status: OrderStatus
    items: list[LineItem]
    amount_total: int
    created: datetime
    note: str | None = None
    ship_on: date | None = None


@dataclass
class OrderList:
    data: list[Order]
    has_more: bool


@dataclass
class Note:
    id: int
    customer_id: UUID
    body: str
    pinned: bool


@dataclass
class NoteForm:
    body: str
    pinned: bool = False


@dataclass
class Avatar:
    customer_id: UUID
    filename: str
    size: int
    content_type: str


@dataclass
class Error:
    code: str
    message: str


class IdempotencyKey(FromHeader[str]):
    name = "Idempotency-Key"


class RequestTag(FromHeader[str]):
    name = "X-Request-Tag"


# ---------------------------------------------------------------- store

CUSTOMERS: dict[UUID, Customer] = {}
ORDERS: dict[int, Order] = {}
NOTES: dict[int, Note] = {}
ORDER_IDS = itertools.count(1000)
NOTE_IDS = itertools.count(1)
IDEMPOTENCY: dict[str, int] = {}


def not_found(what: str):
    return json_response(Error(code="resource_missing", message=f"No such {what}"), 404)


NOT_FOUND = ResponseInfo("Not found", content=[ContentInfo(Error)])


# ---------------------------------------------------------------- handlers


@allow_anonymous()
@app.router.get("/v1/health")
async def health() -> dict:
    return {"status": "ok", "time": datetime.now(timezone.utc).isoformat()}


@docs(
    summary="List customers",
    parameters={
        "limit": ParameterInfo("Page size (1-100)", example=10),
        "status": ParameterInfo("Only customers with these statuses"),
    },
    responses={200: ResponseInfo("A page of customers", content=[ContentInfo(CustomerList)])},
    tags=["Customers"],
)
@app.router.get("/v1/customers")
async def list_customers(
    limit: FromQuery[int] = FromQuery(10),
    status: FromQuery[list[CustomerStatus]] = FromQuery([]),
    created_after: FromQuery[date | None] = FromQuery(None),
    email: FromQuery[str | None] = FromQuery(None),
) -> CustomerList:
    items = list(CUSTOMERS.values())
    if status.value:
        items = [c for c in items if c.status in status.value]
    if created_after.value:
        items = [c for c in items if c.created.date() >= created_after.value]
    if email.value:
        items = [c for c in items if c.email == email.value]
    lim = max(1, min(limit.value, 100))
    return CustomerList(data=items[:lim], has_more=len(items) > lim, total=len(items))


@docs(
    summary="Create a customer",
    responses={
        201: ResponseInfo(
            "The customer",
            content=[ContentInfo(Customer)],
        ),
        409: ResponseInfo("E-mail already used", content=[ContentInfo(Error)]),
    },
    tags=["Customers"],
)
@app.router.post("/v1/customers")
async def create_customer(body: FromJSON[CustomerCreate]):
    data = body.value
    if any(c.email == data.email for c in CUSTOMERS.values()):
        return json_response(Error("email_taken", "E-mail already used"), 409)
    customer = Customer(
        id=uuid4(),
        email=data.email,
        name=data.name,
        phone=data.phone,
        status=CustomerStatus.active,
        credit_limit=data.credit_limit,
        tags=data.tags,
        created=datetime.now(timezone.utc),
        address=data.address,
    )
    CUSTOMERS[customer.id] = customer
    return json_response(customer, 201)


@docs(
    summary="Retrieve a customer",
    responses={200: ResponseInfo("The customer", content=[ContentInfo(Customer)]), 404: NOT_FOUND},
    tags=["Customers"],
)
@app.router.get("/v1/customers/{customer_id}")
async def get_customer(customer_id: UUID):
    customer = CUSTOMERS.get(customer_id)
    if customer is None:
        return not_found("customer")
    return json_response(customer)


@docs(
    summary="Update a customer",
    responses={200: ResponseInfo("The customer", content=[ContentInfo(Customer)]), 404: NOT_FOUND},
    tags=["Customers"],
)
@app.router.patch("/v1/customers/{customer_id}")
async def update_customer(customer_id: UUID, body: FromJSON[CustomerUpdate]):
    customer = CUSTOMERS.get(customer_id)
    if customer is None:
        return not_found("customer")
    patch = body.value.model_dump(exclude_unset=True)
    for key, value in patch.items():
        if key == "address" and value is not None:
            value = Address(**value)
        if key in ("name", "status", "credit_limit") and value is None:
            continue
        setattr(customer, key, value)
    return json_response(customer)


@docs(
    summary="Delete a customer",
    responses={204: "Deleted", 404: NOT_FOUND},
    tags=["Customers"],
)
@app.router.delete("/v1/customers/{customer_id}")
async def delete_customer(customer_id: UUID):
    customer = CUSTOMERS.get(customer_id)
    if customer is None:
        return not_found("customer")
    if any(o.customer_id == customer_id for o in ORDERS.values()):
        return json_response(Error("customer_has_orders", "Customer has orders"), 409)
    del CUSTOMERS[customer_id]
    return Response(204)


@docs(
    summary="Create an order for a customer",
    responses={
        201: ResponseInfo("The order", content=[ContentInfo(Order)]),
        404: NOT_FOUND,
    },
    tags=["Orders"],
)
@app.router.post("/v1/customers/{customer_id}/orders")
async def create_order(
    customer_id: UUID,
    body: FromJSON[OrderCreate],
    idempotency_key: IdempotencyKey | None = None,
):
    if customer_id not in CUSTOMERS:
        return not_found("customer")
    key = idempotency_key.value if idempotency_key else None
    if key and key in IDEMPOTENCY:
        return json_response(ORDERS[IDEMPOTENCY[key]], 201)
    data = body.value
    items = [i if isinstance(i, LineItem) else LineItem(**i) for i in data.items]
    order = Order(
        id=next(ORDER_IDS),
        customer_id=customer_id,
        currency=data.currency,
        status=OrderStatus.pending,
        items=items,
        amount_total=sum(i.quantity * i.unit_amount for i in items),
        created=datetime.now(timezone.utc),
        note=data.note,
        ship_on=data.ship_on,
    )
    ORDERS[order.id] = order
    if key:
        IDEMPOTENCY[key] = order.id
    return json_response(order, 201)


@docs(
    summary="List orders",
    responses={200: ResponseInfo("A page of orders", content=[ContentInfo(OrderList)])},
    tags=["Orders"],
)
@app.router.get("/v1/orders")
async def list_orders(
    status: FromQuery[OrderStatus | None] = FromQuery(None),
    customer_id: FromQuery[UUID | None] = FromQuery(None),
    page: FromQuery[int] = FromQuery(1),
    request_tag: RequestTag | None = None,
) -> OrderList:
    items = list(ORDERS.values())
    if status.value:
        items = [o for o in items if o.status == status.value]
    if customer_id.value:
        items = [o for o in items if o.customer_id == customer_id.value]
    size = 20
    start = max(page.value - 1, 0) * size
    return OrderList(data=items[start : start + size], has_more=len(items) > start + size)


@docs(
    summary="Retrieve an order",
    responses={200: ResponseInfo("The order", content=[ContentInfo(Order)]), 404: NOT_FOUND},
    tags=["Orders"],
)
@app.router.get("/v1/orders/{order_id}")
async def get_order(order_id: int):
    order = ORDERS.get(order_id)
    if order is None:
        return not_found("order")
    return json_response(order)


@docs(
    summary="Cancel an order",
    responses={200: ResponseInfo("The cancelled order", content=[ContentInfo(Order)]), 404: NOT_FOUND},
    tags=["Orders"],
)
@app.router.post("/v1/orders/{order_id}/cancel")
async def cancel_order(order_id: int):
    order = ORDERS.get(order_id)
    if order is None:
        return not_found("order")
    order.status = OrderStatus.cancelled
    return json_response(order)


@docs(
    summary="Add a note to a customer (form)",
    responses={201: ResponseInfo("The note", content=[ContentInfo(Note)]), 404: NOT_FOUND},
    tags=["Customers"],
)
@app.router.post("/v1/customers/{customer_id}/notes")
async def add_note(customer_id: UUID, form: FromForm[NoteForm]):
    if customer_id not in CUSTOMERS:
        return not_found("customer")
    note = Note(
        id=next(NOTE_IDS),
        customer_id=customer_id,
        body=form.value.body,
        pinned=bool(form.value.pinned),
    )
    NOTES[note.id] = note
    return json_response(note, 201)


@docs(
    summary="Upload a customer's avatar",
    responses={201: ResponseInfo("Avatar stored", content=[ContentInfo(Avatar)]), 404: NOT_FOUND},
    tags=["Customers"],
)
@app.router.post("/v1/customers/{customer_id}/avatar")
async def upload_avatar(customer_id: UUID, avatar: FromFile):
    if customer_id not in CUSTOMERS:
        return not_found("customer")
    part = avatar.value
    return json_response(
        Avatar(
            customer_id=customer_id,
            filename=(part.file_name or b"").decode() if isinstance(part.file_name, bytes) else (part.file_name or ""),
            size=len(part.data),
            content_type=(part.content_type or b"application/octet-stream").decode()
            if isinstance(part.content_type, bytes)
            else (part.content_type or "application/octet-stream"),
        ),
        201,
    )
