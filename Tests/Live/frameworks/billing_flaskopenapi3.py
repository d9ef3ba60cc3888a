"""A Stripe-style billing API (customers, their invoices, file uploads) on flask-openapi3, as its users write them:
an `OpenAPI` app, an `APIBlueprint` for customers, an `APIView` for the invoices nested under a customer, typed
`path`, `query`, `header`, `cookie`, `form` and `body` pydantic models, `responses={...}` and `security=[...]` with
`security_schemes`. Credentials: `Authorization: Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc` (scheme bearerAuth) or
`X-Api-Key: key_live_abc123` (scheme apiKey), checked in a `before_request` hook as Flask apps do.

What the API does that its description does not say, which the probe must find and nothing else:
- `CustomerOut.currency` is `str` (not Optional) but the store keeps `None` until a customer is first invoiced; the
  handlers return plain dicts, so pydantic never sees it (response-body-invalid, POST and GET /v1/customers, GET
  and PATCH /v1/customers/{customer_id}, which read the customers not invoiced too).
- POST /v1/customers answers 409 to an email already taken, which it does not document; the documented example
  (flask-openapi3's `openapi_extra={"example": ...}`) is the seeded customer's email (response-status-undocumented,
  POST /v1/customers).
- `InvoiceCreate.application_fee_amount` documents `minimum: 0` / `maximum: 100000` through `json_schema_extra`
  only, so pydantic does not enforce them and a negative fee is stored (probe-accepted-invalid, POST
  /v1/customers/{customer_id}/invoices).
- flask-openapi3's own: it passes every form field through `json.loads` before pydantic sees it, so a `str` form
  field whose text reads as JSON (`10042`, `true`, `[1]`) is refused with 422; the upload's documented example has
  `reference: "10042"` (probe-rejected-valid, POST /v1/files).
- flask-openapi3's own too: a JSON body that is a string holding the JSON of a valid object is accepted
  (`_validate_body` calls `model_validate_json` on a string) (probe-accepted-invalid, PATCH
  /v1/customers/{customer_id} and POST /v1/customers/{customer_id}/invoices).
"""
import datetime as dt
import secrets
import uuid
from enum import Enum
from typing import Annotated, Literal, Optional, Union

from flask import jsonify, request
from flask_openapi3 import APIBlueprint, APIView, FileStorage, Info, OpenAPI, Tag
from pydantic import BaseModel, ConfigDict, EmailStr, Field

BEARER_TOKEN = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"
API_KEY = "key_live_abc123"

info = Info(title="Billing API", version="2024-06-20", description="Customers, invoices and files, Stripe style")
security_schemes = {
    "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "sk_*"},
    "apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
}
security = [{"bearerAuth": []}, {"apiKey": []}]

app = OpenAPI(__name__, info=info, security_schemes=security_schemes)


# ---------------------------------------------------------------- models
class ErrorBody(BaseModel):
    type: Literal["invalid_request_error", "authentication_error", "api_error"]
    code: Optional[str] = None
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


class Tier(str, Enum):
    free = "free"
    pro = "pro"
    enterprise = "enterprise"


class InvoiceStatus(str, Enum):
    draft = "draft"
    open = "open"
    paid = "paid"
    void = "void"
    uncollectible = "uncollectible"


class Address(BaseModel):
    line1: str = Field(..., min_length=1, max_length=200)
    line2: Optional[str] = Field(None, max_length=200)
    city: str = Field(..., min_length=1, max_length=100)
    postal_code: str = Field(..., pattern=r"^[A-Z0-9][A-Z0-9 -]{1,8}[A-Z0-9]$")
    country: str = Field(..., pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")


class CustomerCreate(BaseModel):
    email: EmailStr
    name: str = Field(..., min_length=1, max_length=120)
    phone: Optional[str] = Field(None, pattern=r"^\+[1-9][0-9]{6,14}$")
    tier: Tier = Tier.free
    address: Optional[Address] = None
    tax_exempt: Literal["none", "exempt", "reverse"] = "none"
    metadata: dict[str, str] = Field(default_factory=dict, max_length=20)

    model_config = ConfigDict(
        openapi_extra={  # type: ignore[typeddict-unknown-key]
            "example": {"email": "jenny.rosen@example.com", "name": "Jenny Rosen", "tier": "pro"},
        }
    )


class CustomerUpdate(BaseModel):
    email: Optional[EmailStr] = None
    name: Optional[str] = Field(None, min_length=1, max_length=120)
    phone: Optional[str] = Field(None, pattern=r"^\+[1-9][0-9]{6,14}$")
    tier: Optional[Tier] = None
    address: Optional[Address] = None
    metadata: Optional[dict[str, str]] = None


class CustomerOut(BaseModel):
    id: str
    object: Literal["customer"]
    email: EmailStr
    name: str
    phone: Optional[str]
    tier: Tier
    address: Optional[Address]
    tax_exempt: Literal["none", "exempt", "reverse"]
    currency: str
    balance: int
    created: dt.datetime
    metadata: dict[str, str]
    livemode: bool


class CustomerList(BaseModel):
    object: Literal["list"]
    data: list[CustomerOut]
    has_more: bool
    url: str


class DeletedCustomer(BaseModel):
    id: str
    object: Literal["customer"]
    deleted: Literal[True]


class CustomerPath(BaseModel):
    customer_id: str = Field(..., pattern=r"^cus_[A-Za-z0-9]{14}$")


class CustomerListQuery(BaseModel):
    limit: int = Field(10, ge=1, le=100)
    starting_after: Optional[str] = Field(None, pattern=r"^cus_[A-Za-z0-9]{14}$")
    email: Optional[EmailStr] = None
    tier: list[Tier] = Field(default_factory=list, description="Any of these tiers")
    created_gte: Optional[dt.date] = None


class DashboardCookie(BaseModel):
    dashboard_locale: Literal["en", "fr", "de"] = "en"


class InvoiceLine(BaseModel):
    description: str = Field(..., min_length=1, max_length=200)
    quantity: int = Field(1, ge=1, le=1000)
    unit_amount: int = Field(..., ge=0, le=99_999_999, description="In the currency's smallest unit")


class CardPayment(BaseModel):
    type: Literal["card"]
    brand: Literal["visa", "mastercard", "amex"]
    last4: str = Field(..., pattern=r"^[0-9]{4}$")
    exp_month: int = Field(..., ge=1, le=12)
    exp_year: int = Field(..., ge=2024, le=2100)


class BankTransfer(BaseModel):
    type: Literal["bank_transfer"]
    iban: str = Field(..., pattern=r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")
    reference: Optional[str] = Field(None, max_length=35)


PaymentMethod = Annotated[Union[CardPayment, BankTransfer], Field(discriminator="type")]


class InvoiceCreate(BaseModel):
    currency: Literal["usd", "eur", "gbp"] = "usd"
    lines: list[InvoiceLine] = Field(..., min_length=1, max_length=50)
    payment_method: PaymentMethod
    collection_method: Literal["charge_automatically", "send_invoice"] = "charge_automatically"
    days_until_due: Optional[int] = Field(None, ge=1, le=365)
    due_date: Optional[dt.date] = None
    memo: Optional[str] = Field(None, max_length=500)
    application_fee_amount: int = Field(0, json_schema_extra={"minimum": 0, "maximum": 100_000})


class InvoiceOut(BaseModel):
    id: uuid.UUID
    object: Literal["invoice"]
    customer: str
    status: InvoiceStatus
    currency: Literal["usd", "eur", "gbp"]
    lines: list[InvoiceLine]
    payment_method: PaymentMethod
    collection_method: Literal["charge_automatically", "send_invoice"]
    amount_due: int
    application_fee_amount: int
    due_date: Optional[dt.date]
    memo: Optional[str]
    created: dt.datetime


class InvoiceList(BaseModel):
    object: Literal["list"]
    data: list[InvoiceOut]
    has_more: bool


class InvoicePath(BaseModel):
    customer_id: str = Field(..., pattern=r"^cus_[A-Za-z0-9]{14}$")
    invoice_id: uuid.UUID


class InvoiceListQuery(BaseModel):
    status: list[InvoiceStatus] = Field(default_factory=list)
    due_before: Optional[dt.date] = None
    limit: int = Field(10, ge=1, le=100)


class IdempotencyHeader(BaseModel):
    idempotency_key: Optional[str] = Field(None, alias="Idempotency-Key", min_length=8, max_length=64)


class FileUpload(BaseModel):
    file: FileStorage
    purpose: Literal["dispute_evidence", "identity_document", "business_logo"]
    description: Optional[str] = Field(None, max_length=200)
    reference: Optional[str] = Field(None, max_length=40, description="Your own reference, e.g. an order number")

    model_config = ConfigDict(
        openapi_extra={  # type: ignore[typeddict-unknown-key]
            "example": {"file": "receipt.pdf", "purpose": "dispute_evidence", "reference": "10042"},
        }
    )


class FileOut(BaseModel):
    id: str
    object: Literal["file"]
    purpose: Literal["dispute_evidence", "identity_document", "business_logo"]
    filename: Optional[str]
    size: int
    content_type: Optional[str]
    description: Optional[str]
    reference: Optional[str]
    created: dt.datetime


# ---------------------------------------------------------------- store
CUSTOMERS: dict[str, dict] = {}
INVOICES: dict[uuid.UUID, dict] = {}
FILES: dict[str, dict] = {}
IDEMPOTENT: dict[str, dict] = {}


def now():
    return dt.datetime.now(dt.timezone.utc)


def new_id(prefix):
    return prefix + secrets.token_hex(7)


def error(status, message, kind="invalid_request_error", code=None):
    return {"error": {"type": kind, "code": code, "message": message}}, status


def seed():
    CUSTOMERS["cus_00000000seeded"] = dict(
        id="cus_00000000seeded", object="customer", email="jenny.rosen@example.com", name="Jenny Rosen",
        phone=None, tier="pro", address=None, tax_exempt="none", currency=None, balance=0,
        created=now().isoformat(), metadata={}, livemode=False,
    )


seed()


@app.before_request
def authenticate():
    if not request.path.startswith("/v1/"):
        return None
    auth = request.headers.get("Authorization", "")
    if auth == f"Bearer {BEARER_TOKEN}" or request.headers.get("X-Api-Key") == API_KEY:
        return None
    return error(401, "Invalid API key provided", kind="authentication_error")


# ---------------------------------------------------------------- customers
customers_tag = Tag(name="customers", description="People and companies you bill")
customers = APIBlueprint("customers", __name__, url_prefix="/v1/customers", abp_tags=[customers_tag],
                         abp_security=security, abp_responses={401: ErrorResponse})


@customers.post("", responses={201: CustomerOut}, summary="Create a customer")
def create_customer(body: CustomerCreate):
    if any(c["email"] == body.email for c in CUSTOMERS.values()):
        return error(409, f"A customer with email {body.email} exists", code="resource_already_exists")
    cid = new_id("cus_")
    customer = dict(id=cid, object="customer", currency=None, balance=0, created=now().isoformat(),
                    livemode=False, **body.model_dump(mode="json"))
    CUSTOMERS[cid] = customer
    return customer, 201


@customers.get("", responses={200: CustomerList}, summary="List all customers")
def list_customers(query: CustomerListQuery, cookie: DashboardCookie):
    rows = list(CUSTOMERS.values())
    if query.email:
        rows = [c for c in rows if c["email"] == query.email]
    if query.tier:
        rows = [c for c in rows if c["tier"] in {t.value for t in query.tier}]
    if query.created_gte:
        rows = [c for c in rows if dt.datetime.fromisoformat(c["created"]).date() >= query.created_gte]
    if query.starting_after:
        ids = [c["id"] for c in rows]
        rows = rows[ids.index(query.starting_after) + 1:] if query.starting_after in ids else []
    return {"object": "list", "data": rows[:query.limit], "has_more": len(rows) > query.limit,
            "url": "/v1/customers"}


@customers.get("/<customer_id>", responses={200: CustomerOut, 404: ErrorResponse}, summary="Retrieve a customer")
def get_customer(path: CustomerPath):
    customer = CUSTOMERS.get(path.customer_id)
    if customer is None:
        return error(404, f"No such customer: '{path.customer_id}'", code="resource_missing")
    return customer


@customers.patch("/<customer_id>", responses={200: CustomerOut, 404: ErrorResponse}, summary="Update a customer")
def update_customer(path: CustomerPath, body: CustomerUpdate):
    customer = CUSTOMERS.get(path.customer_id)
    if customer is None:
        return error(404, f"No such customer: '{path.customer_id}'", code="resource_missing")
    customer.update(body.model_dump(mode="json", exclude_unset=True, exclude_none=True))
    return customer


@customers.delete("/<customer_id>", responses={200: DeletedCustomer, 404: ErrorResponse},
                  summary="Delete a customer")
def delete_customer(path: CustomerPath):
    if CUSTOMERS.pop(path.customer_id, None) is None:
        return error(404, f"No such customer: '{path.customer_id}'", code="resource_missing")
    return {"id": path.customer_id, "object": "customer", "deleted": True}


app.register_api(customers)


# ---------------------------------------------------------------- invoices (nested under a customer)
invoices = APIView(url_prefix="/v1/customers/<customer_id>/invoices",
                   view_tags=[Tag(name="invoices", description="Invoices of a customer")],
                   view_security=security, view_responses={401: ErrorResponse, 404: ErrorResponse})


def invoice_out(inv):
    return {**inv, "id": str(inv["id"])}


@invoices.route("")
class InvoiceCollection:
    @invoices.doc(summary="Create an invoice", responses={201: InvoiceOut})
    def post(self, path: CustomerPath, header: IdempotencyHeader, body: InvoiceCreate):
        if path.customer_id not in CUSTOMERS:
            return error(404, f"No such customer: '{path.customer_id}'", code="resource_missing")
        if header.idempotency_key and header.idempotency_key in IDEMPOTENT:
            return invoice_out(IDEMPOTENT[header.idempotency_key]), 201
        data = body.model_dump(mode="json")
        amount = sum(line["quantity"] * line["unit_amount"] for line in data["lines"])
        inv = dict(id=uuid.uuid4(), object="invoice", customer=path.customer_id, status="draft",
                   amount_due=amount, created=now().isoformat(), **data)
        INVOICES[inv["id"]] = inv
        CUSTOMERS[path.customer_id]["currency"] = body.currency
        if header.idempotency_key:
            IDEMPOTENT[header.idempotency_key] = inv
        return invoice_out(inv), 201

    @invoices.doc(summary="List a customer's invoices", responses={200: InvoiceList})
    def get(self, path: CustomerPath, query: InvoiceListQuery):
        if path.customer_id not in CUSTOMERS:
            return error(404, f"No such customer: '{path.customer_id}'", code="resource_missing")
        rows = [i for i in INVOICES.values() if i["customer"] == path.customer_id]
        if query.status:
            rows = [i for i in rows if i["status"] in {s.value for s in query.status}]
        if query.due_before:
            rows = [i for i in rows if i["due_date"] and dt.date.fromisoformat(i["due_date"]) < query.due_before]
        return jsonify(object="list", data=[invoice_out(i) for i in rows[:query.limit]],
                       has_more=len(rows) > query.limit)


@invoices.route("/<invoice_id>")
class InvoiceItem:
    @invoices.doc(summary="Retrieve an invoice", responses={200: InvoiceOut})
    def get(self, path: InvoicePath):
        inv = INVOICES.get(path.invoice_id)
        if inv is None or inv["customer"] != path.customer_id:
            return error(404, f"No such invoice: '{path.invoice_id}'", code="resource_missing")
        return invoice_out(inv)


app.register_api_view(invoices)


# ---------------------------------------------------------------- files
@app.post("/v1/files", tags=[Tag(name="files")], security=security, summary="Upload a file",
          responses={201: FileOut, 401: ErrorResponse})
def upload_file(form: FileUpload):
    content = form.file.read()
    fid = new_id("file_")
    f = dict(id=fid, object="file", purpose=form.purpose, filename=form.file.filename, size=len(content),
             content_type=form.file.mimetype or None, description=form.description, reference=form.reference,
             created=now().isoformat())
    FILES[fid] = f
    return f, 201


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000)
