"""A payouts API on Quart with quart-schema and pydantic, as quart-schema users write them (`run.sh` probes it,
with a bearer token and an API key, which the app only requires to be there).

What the API does that its description does not say, which the probe must find and nothing else:
- POST /v1/payouts refuses a `scheduled_for` in the past with 422, a rule and a status the description does not
  have (probe-rejected-valid and response-status-undocumented).
- PATCH /v1/payouts/{payout_id} documents `description` as nullable, and the handler calls `.strip()` on it: an
  explicit null gets 500 (probe-server-error).
- quart-schema writes no `required` for a request body, so every body is optional, and PATCH
  /v1/payouts/{payout_id} and POST /v1/payouts/{payout_id}/cancel refuse a request without one with 400
  (probe-rejected-valid on both; PATCH documents no 400: response-status-undocumented).
- quart-schema cannot document a response without a body: DELETE /v1/payouts/{payout_id} answers 204, which it
  does not document (response-status-undocumented).
- quart-schema describes the header model's required `x_account_id: int` as an optional `x-account-id` header,
  and refuses a request without it with 400, which GET /v1/balance does not document (probe-rejected-valid and
  response-status-undocumented).
- The routes take `<uuid:payout_id>` where the description has any string: a payout id that is no UUID misses the
  route, and Quart's 404 is HTML where the documented 404 is a JSON `Error` (response-content-type, on every
  operation under /v1/payouts/{payout_id}, for the payout the probe makes up).

Not reached at the default 8 examples, so not expected: `validate_querystring` reads a single `?status=x` as a
string, which pydantic refuses for the `list[PayoutStatus]` (400); the probe sends two or more.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, EmailStr, Field, HttpUrl
from quart import Quart, request
from quart_schema import (
    DataSource,
    QuartSchema,
    RequestSchemaValidationError,
    operation_id,
    security_scheme,
    tag,
    validate_headers,
    validate_querystring,
    validate_request,
    validate_response,
)

app = Quart(__name__)
QuartSchema(
    app,
    info={"title": "Payouts API", "version": "2024-06-01"},
    security_schemes={
        "bearerAuth": {"type": "http", "scheme": "bearer", "bearer_format": "sk_test_..."},
        "apiKey": {"type": "apiKey", "name": "X-Api-Key", "in_": "header"},
    },
    security=[{"bearerAuth": []}],
)


# ----------------------------------------------------------------------------- models
class Currency(str, Enum):
    usd = "usd"
    eur = "eur"
    gbp = "gbp"
    jpy = "jpy"


class PayoutStatus(str, Enum):
    pending = "pending"
    in_transit = "in_transit"
    paid = "paid"
    canceled = "canceled"


class CancelReason(str, Enum):
    duplicate = "duplicate"
    fraudulent = "fraudulent"
    requested_by_customer = "requested_by_customer"


class Address(BaseModel):
    line1: str = Field(min_length=1, max_length=100)
    line2: str | None = None
    city: str = Field(min_length=1, max_length=60)
    postal_code: str = Field(pattern=r"^[A-Z0-9 -]{3,10}$")
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")


class Recipient(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    email: EmailStr
    address: Address | None = None


class BankAccount(BaseModel):
    type: Literal["bank_account"]
    iban: str = Field(pattern=r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")
    bank_name: str | None = None


class Card(BaseModel):
    type: Literal["card"]
    last4: str = Field(pattern=r"^[0-9]{4}$")
    exp_month: int = Field(ge=1, le=12)
    exp_year: int = Field(ge=2024, le=2100)


Destination = Annotated[Union[BankAccount, Card], Field(discriminator="type")]


class PayoutCreate(BaseModel):
    """A payout to create."""

    amount: int = Field(gt=0, le=10_000_000, description="Minor units", examples=[1500])
    currency: Currency
    destination: Destination
    recipient: Recipient
    description: str | None = Field(None, max_length=140)
    statement_descriptor: str | None = Field(None, pattern=r"^[A-Z0-9 ]{3,22}$")
    metadata: dict[str, str] = Field(default_factory=dict, max_length=10)
    scheduled_for: date | None = None
    tags: list[str] = Field(default_factory=list, max_length=5)
    callback_url: HttpUrl | None = None


class PayoutUpdate(BaseModel):
    description: str | None = Field(None, max_length=140)
    metadata: dict[str, str] | None = None


class Payout(BaseModel):
    """A payout."""

    id: uuid.UUID
    object: Literal["payout"] = "payout"
    amount: int
    currency: Currency
    status: PayoutStatus
    destination: Destination
    recipient: Recipient
    description: str | None
    statement_descriptor: str | None
    metadata: dict[str, str]
    scheduled_for: date | None
    tags: list[str]
    fee: Decimal
    created: datetime
    callback_url: HttpUrl | None = None


class PayoutList(BaseModel):
    object: Literal["list"] = "list"
    data: list[Payout]
    has_more: bool


class ErrorDetail(BaseModel):
    type: Literal["invalid_request_error", "not_found", "api_error"]
    message: str
    param: str | None = None


class Error(BaseModel):
    """An error."""

    error: ErrorDetail


class PayoutHeaders(BaseModel):
    location: str


class IdempotencyHeaders(BaseModel):
    idempotency_key: uuid.UUID | None = None


class AccountHeaders(BaseModel):
    x_account_id: int = Field(ge=1)


class ListQuery(BaseModel):
    limit: int = Field(10, ge=1, le=100)
    status: list[PayoutStatus] | None = None
    currency: Currency | None = None
    created_gte: date | None = None
    starting_after: uuid.UUID | None = None


class CancelForm(BaseModel):
    reason: CancelReason
    notify_recipient: bool = False
    comment: str | None = Field(None, max_length=200)


class Event(BaseModel):
    seq: int
    type: Literal["payout.created", "payout.updated", "payout.canceled"]
    at: datetime
    data: dict[str, Any]


class Balance(BaseModel):
    account_id: int
    available: dict[Currency, int]
    pending: dict[Currency, int]


# ----------------------------------------------------------------------------- store & auth
PAYOUTS: dict[uuid.UUID, Payout] = {}
EVENTS: dict[uuid.UUID, list[Event]] = {}


def _err(kind: str, message: str, param: str | None = None) -> Error:
    return Error(error=ErrorDetail(type=kind, message=message, param=param))


@app.before_request
async def authenticate():
    if request.path.startswith(("/openapi.json", "/docs", "/redocs", "/scalar")):
        return None
    if request.path == "/v1/balance":
        if not request.headers.get("X-Api-Key"):
            return {"error": {"type": "invalid_request_error", "message": "missing API key"}}, 401
        return None
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer ") or len(auth) <= len("Bearer "):
        return {"error": {"type": "invalid_request_error", "message": "missing bearer token"}}, 401
    return None


@app.errorhandler(RequestSchemaValidationError)
async def handle_validation(error: RequestSchemaValidationError):
    return {"error": {"type": "invalid_request_error", "message": str(error.validation_error)}}, 400


def _event(pid: uuid.UUID, kind: str, payout: Payout) -> None:
    events = EVENTS.setdefault(pid, [])
    events.append(Event(seq=len(events) + 1, type=kind, at=datetime.now(timezone.utc),
                        data=payout.model_dump(mode="json")))


# ----------------------------------------------------------------------------- routes
@app.post("/v1/payouts")
@tag(["payouts"])
@operation_id("createPayout")
@validate_headers(IdempotencyHeaders)
@validate_request(PayoutCreate)
@validate_response(Payout, 201, PayoutHeaders)
@validate_response(Error, 400)
async def create_payout(data: PayoutCreate, headers: IdempotencyHeaders):
    """Create a payout

    Sends money to a bank account or card.
    """
    if data.scheduled_for is not None and data.scheduled_for < date.today():
        return {"error": {"type": "invalid_request_error", "message": "scheduled_for is in the past",
                          "param": "scheduled_for"}}, 422
    pid = uuid.uuid4()
    fee = (Decimal(data.amount) * Decimal("0.0025")).quantize(Decimal("0.01"))
    payout = Payout(id=pid, amount=data.amount, currency=data.currency, status=PayoutStatus.pending,
                    destination=data.destination, recipient=data.recipient, description=data.description,
                    statement_descriptor=data.statement_descriptor, metadata=data.metadata,
                    scheduled_for=data.scheduled_for, tags=data.tags, fee=fee,
                    created=datetime.now(timezone.utc), callback_url=data.callback_url)
    PAYOUTS[pid] = payout
    _event(pid, "payout.created", payout)
    return payout, 201, PayoutHeaders(location=f"/v1/payouts/{pid}")


@app.get("/v1/payouts")
@tag(["payouts"])
@operation_id("listPayouts")
@validate_querystring(ListQuery)
@validate_response(PayoutList, 200)
async def list_payouts(query_args: ListQuery):
    """List payouts"""
    items = sorted(PAYOUTS.values(), key=lambda p: p.created)
    if query_args.starting_after is not None:
        ids = [p.id for p in items]
        if query_args.starting_after in ids:
            items = items[ids.index(query_args.starting_after) + 1:]
    if query_args.status:
        items = [p for p in items if p.status in query_args.status]
    if query_args.currency:
        items = [p for p in items if p.currency == query_args.currency]
    if query_args.created_gte:
        items = [p for p in items if p.created.date() >= query_args.created_gte]
    return PayoutList(data=items[: query_args.limit], has_more=len(items) > query_args.limit)


@app.get("/v1/payouts/<uuid:payout_id>")
@tag(["payouts"])
@operation_id("getPayout")
@validate_response(Payout, 200)
@validate_response(Error, 404)
async def get_payout(payout_id: uuid.UUID):
    """Retrieve a payout"""
    payout = PAYOUTS.get(payout_id)
    if payout is None:
        return _err("not_found", f"no payout {payout_id}"), 404
    return payout


@app.patch("/v1/payouts/<uuid:payout_id>")
@tag(["payouts"])
@operation_id("updatePayout")
@validate_request(PayoutUpdate)
@validate_response(Payout, 200)
@validate_response(Error, 404)
async def update_payout(payout_id: uuid.UUID, data: PayoutUpdate):
    """Update a payout"""
    payout = PAYOUTS.get(payout_id)
    if payout is None:
        return _err("not_found", f"no payout {payout_id}"), 404
    if "description" in data.model_fields_set:
        payout.description = data.description.strip()
    if data.metadata is not None:
        payout.metadata = {**payout.metadata, **data.metadata}
    _event(payout_id, "payout.updated", payout)
    return payout


@app.delete("/v1/payouts/<uuid:payout_id>")
@tag(["payouts"])
@operation_id("deletePayout")
@validate_response(Error, 404)
async def delete_payout(payout_id: uuid.UUID):
    """Delete a pending payout"""
    if PAYOUTS.pop(payout_id, None) is None:
        return _err("not_found", f"no payout {payout_id}"), 404
    EVENTS.pop(payout_id, None)
    return "", 204


@app.post("/v1/payouts/<uuid:payout_id>/cancel")
@tag(["payouts"])
@operation_id("cancelPayout")
@validate_request(CancelForm, source=DataSource.FORM)
@validate_response(Payout, 200)
@validate_response(Error, 400)
@validate_response(Error, 404)
async def cancel_payout(payout_id: uuid.UUID, data: CancelForm):
    """Cancel a payout"""
    payout = PAYOUTS.get(payout_id)
    if payout is None:
        return _err("not_found", f"no payout {payout_id}"), 404
    payout.status = PayoutStatus.canceled
    _event(payout_id, "payout.canceled", payout)
    return payout


@app.get("/v1/payouts/<uuid:payout_id>/events/<int:seq>")
@tag(["events"])
@operation_id("getPayoutEvent")
@validate_response(Event, 200)
@validate_response(Error, 404)
async def get_event(payout_id: uuid.UUID, seq: int):
    """Retrieve one event of a payout"""
    events = EVENTS.get(payout_id, [])
    if not 1 <= seq <= len(events):
        return _err("not_found", f"no event {seq}"), 404
    return events[seq - 1]


@app.get("/v1/balance")
@tag(["balance"])
@operation_id("getBalance")
@security_scheme([{"apiKey": []}])
@validate_headers(AccountHeaders)
@validate_response(Balance, 200)
async def get_balance(headers: AccountHeaders):
    """Retrieve the balance"""
    available = {c: 0 for c in Currency}
    pending = {c: 0 for c in Currency}
    for p in PAYOUTS.values():
        if p.status == PayoutStatus.pending:
            pending[p.currency] += p.amount
    return Balance(account_id=headers.x_account_id, available=available, pending=pending)
