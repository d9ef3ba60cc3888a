"""An invoicing API on Sanic with sanic-ext (`@openapi` decorators, `@validate`), as Sanic users write them
(`run.sh` probes it, served by uvicorn as an ASGI app, with the bearer token and the API key the app takes).

What the API does that its description does not say, which the probe must find and nothing else:
- Invoices are answered with `currency` upper-cased ("EUR"), where the description has the lowercase enum
  (response-body-invalid, GET and POST /v1/invoices, GET and PATCH /v1/invoices/{invoice_id}).
- DELETE /v1/invoices/{invoice_id} documents 204 and answers 200 with `{"id": ..., "deleted": true}`
  (response-status-undocumented).
- The dataclass bodies of POST /v1/customers and POST /v1/invoices/{invoice_id}/pay are described without
  `required`, and `@validate` refuses them without `email`, `name` or `amount`; pay also refuses a `method` that is
  no payment method, which the description leaves any string (probe-rejected-valid on both).
- POST /v1/customers turns the `address` it is given into a dict with `dict()`, which a dataclass is not: a
  customer with an address gets 500 (probe-server-error).
- sanic-ext writes no `required` for a request body, so every body is optional; PATCH /v1/invoices/{invoice_id}
  and POST /v1/invoices/{invoice_id}/send refuse a request without one (probe-rejected-valid on both).
- `tax_rate: Optional[Decimal]` is described as `anyOf: [number, string]`; pydantic refuses a string that is no
  decimal (probe-rejected-valid, POST /v1/invoices).
- `@validate` answers a request it refuses with Sanic's error body (`description`, `status`, `message`), not the
  `Error` the 400 documents (response-body-invalid, GET /v1/invoices, POST /v1/customers, POST /v1/invoices,
  PATCH /v1/invoices/{invoice_id}, POST /v1/invoices/{invoice_id}/pay and POST /v1/invoices/{invoice_id}/send).
- The route parameter `<day:ymd>` is described as a date-time; Sanic routes only YYYY-MM-DD, so a date-time gets
  404, which the operation does not document (response-status-undocumented, GET /v1/reports/daily/{day}).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from enum import Enum
from decimal import Decimal
from typing import Dict, List, Literal, Optional

from pydantic import BaseModel, EmailStr, Field
from sanic import Sanic, Request
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse, empty, json
from sanic_ext import Extend, openapi, validate

app = Sanic("billing")
app.config.API_TITLE = "Billing API"
app.config.API_VERSION = "2024-06-01"
app.config.API_DESCRIPTION = "Customers, invoices and payments."
app.config.OAS_UI_SWAGGER = False  # redoc page only; the JSON is what we use
Extend(app)

app.ext.openapi.add_security_scheme(
    "bearerAuth", "http", scheme="bearer", bearer_format="JWT"
)
app.ext.openapi.add_security_scheme(
    "apiKey", "apiKey", location="header", name="X-Api-Key"
)

VALID_TOKENS = {"sk_test_123"}
VALID_KEYS = {"key_test_456"}


# --------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------


class Currency(str, Enum):
    usd = "usd"
    eur = "eur"
    gbp = "gbp"


class InvoiceStatus(str, Enum):
    draft = "draft"
    open = "open"
    paid = "paid"
    void = "void"


class PaymentMethod(str, Enum):
    card = "card"
    bank_transfer = "bank_transfer"
    cash = "cash"


# ---- dataclasses (sanic-ext's own validator) ----


@dataclass
class Address:
    line1: str
    city: str
    country: str
    postal_code: Optional[str] = None


@dataclass
class CustomerCreate:
    email: str
    name: str
    address: Optional[Address] = None
    tax_exempt: bool = False
    preferred_locales: List[str] = field(default_factory=list)


@dataclass
class Customer:
    id: uuid.UUID
    email: str
    name: str
    address: Optional[Address]
    tax_exempt: bool
    preferred_locales: List[str]
    created: datetime


@dataclass
class InvoiceListQuery:
    limit: int = 10
    status: Optional[str] = None
    customer: Optional[str] = None


@dataclass
class PaymentForm:
    amount: int
    method: str
    reference: Optional[str] = None


# ---- pydantic models, registered as components ----


@openapi.component
class LineItemIn(BaseModel):
    description: str = Field(min_length=1, max_length=200)
    quantity: int = Field(ge=1, le=1000)
    unit_amount: int = Field(gt=0, description="Amount in cents, > 0")
    tax_rate: Optional[Decimal] = Field(default=None, ge=0, le=100, decimal_places=2)


@openapi.component
class InvoiceCreate(BaseModel):
    customer: uuid.UUID
    currency: Currency
    due_date: Optional[date] = None
    memo: Optional[str] = Field(default=None, max_length=500)
    lines: List[LineItemIn] = Field(min_length=1, max_length=50)
    auto_advance: bool = True
    metadata: Dict[str, str] = Field(default_factory=dict, max_length=20)


@openapi.component
class InvoiceUpdate(BaseModel):
    memo: Optional[str] = Field(default=None, max_length=500)
    due_date: Optional[date] = None
    status: Optional[InvoiceStatus] = None


@openapi.component
class LineItem(BaseModel):
    line_no: int
    description: str
    quantity: int
    unit_amount: int
    amount: int


@openapi.component
class Invoice(BaseModel):
    id: uuid.UUID
    customer: uuid.UUID
    currency: Currency
    status: InvoiceStatus
    due_date: Optional[date] = None
    memo: Optional[str] = None
    lines: List[LineItem]
    metadata: Dict[str, str] = {}
    amount_due: int
    amount_paid: int
    created: datetime


@openapi.component
class InvoiceList(BaseModel):
    object: str = "list"
    data: List[Invoice]
    has_more: bool


@openapi.component
class Error(BaseModel):
    code: str
    message: str


@openapi.component
class DailyReport(BaseModel):
    day: date
    invoices_created: int
    amount_collected: int


# --------------------------------------------------------------------------
# Store
# --------------------------------------------------------------------------

CUSTOMERS: dict[uuid.UUID, dict] = {}
INVOICES: dict[uuid.UUID, dict] = {}


def now() -> str:
    return datetime.now(timezone.utc).isoformat()


def error(status: int, code: str, message: str) -> HTTPResponse:
    return json({"code": code, "message": message}, status=status)


def customer_out(c: dict) -> dict:
    return c


def invoice_out(inv: dict) -> dict:
    out = dict(inv)
    out["currency"] = inv["currency"].upper()
    return out


@app.on_request
async def authenticate(request: Request):
    path = request.path
    if not path.startswith("/v1"):
        return
    if path.startswith("/v1/reports"):
        if request.headers.get("x-api-key") not in VALID_KEYS:
            return error(401, "unauthorized", "missing or invalid API key")
        return
    auth = request.headers.get("authorization", "")
    if not auth.startswith("Bearer ") or auth[7:] not in VALID_TOKENS:
        return error(401, "unauthorized", "missing or invalid bearer token")


ERR = {"application/json": openapi.Component(Error)}


# --------------------------------------------------------------------------
# Customers
# --------------------------------------------------------------------------


@app.post("/v1/customers")
@openapi.definition(
    summary="Create a customer",
    tag="customers",
    operation="createCustomer",
    body={"application/json": CustomerCreate},
    response=[
        openapi.definitions.Response(
            {"application/json": Customer}, status=201, description="Created"
        ),
        openapi.definitions.Response(ERR, status=400, description="Invalid"),
        openapi.definitions.Response(ERR, status=401, description="Unauthorized"),
    ],
    secured={"bearerAuth": []},
)
@validate(json=CustomerCreate)
async def create_customer(request: Request, body: CustomerCreate):
    cid = uuid.uuid4()
    c = {
        "id": str(cid),
        "email": body.email,
        "name": body.name,
        "address": body.address if body.address is None else dict(body.address),
        "tax_exempt": body.tax_exempt,
        "preferred_locales": body.preferred_locales,
        "created": now(),
    }
    CUSTOMERS[cid] = c
    return json(customer_out(c), status=201)


@app.get("/v1/customers/<customer_id:uuid>")
@openapi.definition(
    summary="Retrieve a customer",
    tag="customers",
    operation="getCustomer",
    response=[
        openapi.definitions.Response(
            {"application/json": Customer}, status=200, description="OK"
        ),
        openapi.definitions.Response(ERR, status=401, description="Unauthorized"),
        openapi.definitions.Response(ERR, status=404, description="No such customer"),
    ],
    secured={"bearerAuth": []},
)
async def get_customer(request: Request, customer_id: uuid.UUID):
    c = CUSTOMERS.get(customer_id)
    if not c:
        return error(404, "resource_missing", f"No such customer: {customer_id}")
    return json(customer_out(c))


@app.delete("/v1/customers/<customer_id:uuid>")
@openapi.summary("Delete a customer")
@openapi.tag("customers")
@openapi.operation("deleteCustomer")
@openapi.secured("bearerAuth")
@openapi.response(204, description="Deleted")
@openapi.response(401, ERR, "Unauthorized")
@openapi.response(404, ERR, "No such customer")
async def delete_customer(request: Request, customer_id: uuid.UUID):
    if CUSTOMERS.pop(customer_id, None) is None:
        return error(404, "resource_missing", f"No such customer: {customer_id}")
    return empty()


# --------------------------------------------------------------------------
# Invoices
# --------------------------------------------------------------------------


@app.get("/v1/invoices")
@openapi.definition(
    summary="List invoices",
    tag="invoices",
    operation="listInvoices",
    parameter=[
        openapi.definitions.Parameter(
            "limit", openapi.Integer(minimum=1, maximum=100), "query",
            description="Page size (1-100)",
        ),
        openapi.definitions.Parameter(
            "status", InvoiceStatus, "query", description="Filter by status"
        ),
        openapi.definitions.Parameter(
            "customer", uuid.UUID, "query", description="Filter by customer"
        ),
        openapi.definitions.Parameter(
            "X-Request-Id", str, "header", description="Client correlation id"
        ),
    ],
    response=[
        openapi.definitions.Response(
            {"application/json": openapi.Component(InvoiceList)},
            status=200, description="OK",
        ),
        openapi.definitions.Response(ERR, status=400, description="Bad query"),
        openapi.definitions.Response(ERR, status=401, description="Unauthorized"),
    ],
    secured={"bearerAuth": []},
)
@validate(query=InvoiceListQuery)
async def list_invoices(request: Request, query: InvoiceListQuery):
    if not (1 <= query.limit <= 100):
        return error(400, "parameter_invalid", "limit must be between 1 and 100")
    if query.status is not None and query.status not in InvoiceStatus.__members__:
        return error(400, "parameter_invalid", "unknown status")
    items = list(INVOICES.values())
    if query.status:
        items = [i for i in items if i["status"] == query.status]
    if query.customer:
        try:
            cust = str(uuid.UUID(query.customer))
        except ValueError:
            return error(400, "parameter_invalid", "customer must be a uuid")
        items = [i for i in items if i["customer"] == cust]
    page = items[: query.limit]
    return json(
        {
            "object": "list",
            "data": [invoice_out(i) for i in page],
            "has_more": len(items) > len(page),
        }
    )


@app.post("/v1/invoices")
@openapi.definition(
    summary="Create an invoice",
    tag="invoices",
    operation="createInvoice",
    body=openapi.definitions.RequestBody(
        {"application/json": openapi.Component(InvoiceCreate)}, required=True
    ),
    parameter=openapi.definitions.Parameter(
        "Idempotency-Key", str, "header", required=False,
        description="Makes the create safe to retry",
    ),
    response=[
        openapi.definitions.Response(
            {"application/json": openapi.Component(Invoice)},
            status=201, description="Created",
        ),
        openapi.definitions.Response(ERR, status=400, description="Invalid"),
        openapi.definitions.Response(ERR, status=401, description="Unauthorized"),
    ],
    secured={"bearerAuth": []},
)
@validate(json=InvoiceCreate)
async def create_invoice(request: Request, body: InvoiceCreate):
    iid = uuid.uuid4()
    lines = [
        {
            "line_no": n,
            "description": li.description,
            "quantity": li.quantity,
            "unit_amount": li.unit_amount,
            "amount": li.quantity * li.unit_amount,
        }
        for n, li in enumerate(body.lines, start=1)
    ]
    inv = {
        "id": str(iid),
        "customer": str(body.customer),
        "currency": body.currency.value,
        "status": "draft",
        "due_date": body.due_date.isoformat() if body.due_date else None,
        "memo": body.memo,
        "lines": lines,
        "metadata": body.metadata,
        "amount_due": sum(li["amount"] for li in lines),
        "amount_paid": 0,
        "created": now(),
    }
    INVOICES[iid] = inv
    return json(invoice_out(inv), status=201)


def _get_invoice(invoice_id: uuid.UUID):
    inv = INVOICES.get(invoice_id)
    if inv is None:
        raise NotFound(f"No such invoice: {invoice_id}")
    return inv


@app.exception(NotFound)
async def not_found(request: Request, exc: NotFound):
    return error(404, "resource_missing", str(exc))


@app.get("/v1/invoices/<invoice_id:uuid>")
@openapi.summary("Retrieve an invoice")
@openapi.tag("invoices")
@openapi.operation("getInvoice")
@openapi.secured("bearerAuth")
@openapi.response(200, {"application/json": openapi.Component(Invoice)}, "OK")
@openapi.response(401, ERR, "Unauthorized")
@openapi.response(404, ERR, "No such invoice")
async def get_invoice(request: Request, invoice_id: uuid.UUID):
    return json(invoice_out(_get_invoice(invoice_id)))


@app.patch("/v1/invoices/<invoice_id:uuid>")
@openapi.definition(
    summary="Update an invoice",
    tag="invoices",
    operation="updateInvoice",
    body={"application/json": openapi.Component(InvoiceUpdate)},
    response=[
        openapi.definitions.Response(
            {"application/json": openapi.Component(Invoice)},
            status=200, description="OK",
        ),
        openapi.definitions.Response(ERR, status=400, description="Invalid"),
        openapi.definitions.Response(ERR, status=401, description="Unauthorized"),
        openapi.definitions.Response(ERR, status=404, description="No such invoice"),
        openapi.definitions.Response(ERR, status=409, description="Not a draft"),
    ],
    secured={"bearerAuth": []},
)
@validate(json=InvoiceUpdate)
async def update_invoice(request: Request, invoice_id: uuid.UUID, body: InvoiceUpdate):
    inv = _get_invoice(invoice_id)
    if inv["status"] not in ("draft", "open"):
        return error(409, "invoice_not_editable", "only draft/open invoices can change")
    patch = body.model_dump(exclude_unset=True)
    if "memo" in patch:
        inv["memo"] = patch["memo"]
    if "due_date" in patch:
        inv["due_date"] = patch["due_date"].isoformat() if patch["due_date"] else None
    if patch.get("status"):
        inv["status"] = patch["status"].value
    return json(invoice_out(inv))


@app.delete("/v1/invoices/<invoice_id:uuid>")
@openapi.definition(
    summary="Delete a draft invoice",
    tag="invoices",
    operation="deleteInvoice",
    response=[
        openapi.definitions.Response(status=204, description="Deleted"),
        openapi.definitions.Response(ERR, status=401, description="Unauthorized"),
        openapi.definitions.Response(ERR, status=404, description="No such invoice"),
        openapi.definitions.Response(ERR, status=409, description="Not a draft"),
    ],
    secured={"bearerAuth": []},
)
async def delete_invoice(request: Request, invoice_id: uuid.UUID):
    inv = _get_invoice(invoice_id)
    if inv["status"] != "draft":
        return error(409, "invoice_not_deletable", "only drafts can be deleted")
    del INVOICES[invoice_id]
    return json({"id": str(invoice_id), "deleted": True})


@app.post("/v1/invoices/<invoice_id:uuid>/pay")
@openapi.definition(
    summary="Pay an invoice",
    tag="invoices",
    operation="payInvoice",
    body={"application/x-www-form-urlencoded": PaymentForm},
    response=[
        openapi.definitions.Response(
            {"application/json": openapi.Component(Invoice)},
            status=200, description="OK",
        ),
        openapi.definitions.Response(ERR, status=400, description="Invalid"),
        openapi.definitions.Response(ERR, status=401, description="Unauthorized"),
        openapi.definitions.Response(ERR, status=404, description="No such invoice"),
        openapi.definitions.Response(ERR, status=409, description="Already paid or void"),
    ],
    secured={"bearerAuth": []},
)
@validate(form=PaymentForm)
async def pay_invoice(request: Request, invoice_id: uuid.UUID, body: PaymentForm):
    inv = _get_invoice(invoice_id)
    if inv["status"] in ("paid", "void"):
        return error(409, "invoice_not_payable", "invoice already settled")
    if body.method not in PaymentMethod.__members__:
        return error(400, "parameter_invalid", "unknown method")
    if body.amount <= 0:
        return error(400, "parameter_invalid", "amount must be positive")
    inv["amount_paid"] += body.amount
    if inv["amount_paid"] >= inv["amount_due"]:
        inv["status"] = "paid"
    else:
        inv["status"] = "open"
    return json(invoice_out(inv))


@app.get("/v1/invoices/<invoice_id:uuid>/lines/<line_no:int>")
@openapi.definition(
    summary="Retrieve one line item",
    tag="invoices",
    operation="getInvoiceLine",
    response=[
        openapi.definitions.Response(
            {"application/json": openapi.Component(LineItem)},
            status=200, description="OK",
        ),
        openapi.definitions.Response(ERR, status=401, description="Unauthorized"),
        openapi.definitions.Response(ERR, status=404, description="No such line"),
    ],
    secured={"bearerAuth": []},
)
async def get_invoice_line(request: Request, invoice_id: uuid.UUID, line_no: int):
    inv = _get_invoice(invoice_id)
    for li in inv["lines"]:
        if li["line_no"] == line_no:
            return json(li)
    return error(404, "resource_missing", f"No line {line_no}")


@openapi.component
class SendInvoice(BaseModel):
    channel: Literal["email", "sms"]
    to_email: Optional[EmailStr] = None
    to_phone: Optional[str] = Field(default=None, pattern=r"^\+[1-9][0-9]{6,14}$")
    copies: int = Field(default=1, ge=1, le=5)


@openapi.component
class SendResult(BaseModel):
    invoice: uuid.UUID
    channel: Literal["email", "sms"]
    sent_at: datetime
    queued: bool


@app.post("/v1/invoices/<invoice_id:uuid>/send")
@openapi.definition(
    summary="Send an invoice to the customer",
    tag="invoices",
    operation="sendInvoice",
    body={"application/json": openapi.Component(SendInvoice)},
    response=[
        openapi.definitions.Response(
            {"application/json": openapi.Component(SendResult)},
            status=202, description="Queued",
        ),
        openapi.definitions.Response(ERR, status=400, description="Invalid"),
        openapi.definitions.Response(ERR, status=401, description="Unauthorized"),
        openapi.definitions.Response(ERR, status=404, description="No such invoice"),
    ],
    secured={"bearerAuth": []},
)
@validate(json=SendInvoice)
async def send_invoice(request: Request, invoice_id: uuid.UUID, body: SendInvoice):
    _get_invoice(invoice_id)
    return json(
        {"invoice": str(invoice_id), "channel": body.channel, "sent_at": now(), "queued": True},
        status=202,
    )


# --------------------------------------------------------------------------
# Reports (API key)
# --------------------------------------------------------------------------


@app.get("/v1/reports/daily/<day:ymd>")
@openapi.definition(
    summary="Daily report",
    tag="reports",
    operation="getDailyReport",
    response=[
        openapi.definitions.Response(
            {"application/json": openapi.Component(DailyReport)},
            status=200, description="OK",
        ),
        openapi.definitions.Response(ERR, status=401, description="Unauthorized"),
    ],
    secured={"apiKey": []},
)
async def daily_report(request: Request, day: date):
    created = [i for i in INVOICES.values() if i["created"][:10] == day.isoformat()]
    return json(
        {
            "day": day.isoformat(),
            "invoices_created": len(created),
            "amount_collected": sum(i["amount_paid"] for i in created),
        }
    )
