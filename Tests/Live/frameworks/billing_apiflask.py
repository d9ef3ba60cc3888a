"""A Stripe-style billing API (customers, their invoices, file uploads) on APIFlask, as APIFlask users write them:
marshmallow schemas with validators, `@app.input` for the body, the query, a header and a multipart form,
`@app.output`, `@app.doc`, an `HTTPTokenAuth` bearer key for the API and `HTTPBasicAuth` for uploads (Stripe takes
its secret key as the Basic user name). Served by uvicorn's WSGI interface:

    uvicorn billing_apiflask:app --interface wsgi --host 127.0.0.1 --port PORT

with `--auth BearerAuth=sk_test_apiflask --auth BasicAuth=sk_test_apiflask:` for the probe.

What the API does that its description does not say, which the probe must find and nothing else:
- An invoice's `paid_at` is a dump_only `DateTime` without `allow_none`, and stays `None` until it is paid: every
  unpaid invoice is written with `"paid_at": null`, which the description (type string, no nullable) forbids
  (response-body-invalid, POST and GET /v1/customers/{customer_id}/invoices and GET
  /v1/customers/{customer_id}/invoices/{invoice_id}).
- DELETE /v1/customers/{customer_id} refuses a customer who still has invoices with `abort(409)`, a status it does
  not document (response-status-undocumented, DELETE /v1/customers/{customer_id}).
- POST /v1/customers/{customer_id}/invoices refuses a `due_date` in the past in a `@validates` hook, which the
  description does not say: a valid generated date before today gets a 422 (probe-rejected-valid, POST
  /v1/customers/{customer_id}/invoices).
- apispec writes the nullable nested `address` for OpenAPI 3.0 as `anyOf: [{type: object, nullable: true},
  {$ref: Address}]`, whose first branch takes any object: `"address": {}` is valid by the description, and
  marshmallow refuses it (probe-rejected-valid, POST /v1/customers).
- The upload's `form_and_files` body is described without `required`, so a request may leave it out; APIFlask
  refuses one that does with 422 (probe-rejected-valid, POST /v1/files).
"""
import datetime as dt
import secrets
import uuid

from apiflask import APIFlask, HTTPBasicAuth, HTTPTokenAuth, Schema, abort
from apiflask.fields import (
    UUID,
    Boolean,
    Date,
    DateTime,
    Dict,
    Email,
    File,
    Integer,
    List,
    Nested,
    String,
)
from apiflask.validators import Length, OneOf, Range, Regexp
from marshmallow import ValidationError, validates

API_KEY = "sk_test_apiflask"

app = APIFlask(__name__, title="Billing API", version="2024-06-20")
app.config["DESCRIPTION"] = "Customers, invoices and files, in the style of Stripe's API."
app.config["TAGS"] = [{"name": "Customers"}, {"name": "Invoices"}, {"name": "Files"}]

token_auth = HTTPTokenAuth(scheme="Bearer", description="Your secret API key, as `Bearer sk_test_...`.")
basic_auth = HTTPBasicAuth(description="Your secret API key as the user name, no password.")


@token_auth.verify_token
def verify_token(token):
    return "acct_1" if token == API_KEY else None


@basic_auth.verify_password
def verify_password(username, password):
    return "acct_1" if username == API_KEY else None


# ---------------------------------------------------------------- schemas
class AddressSchema(Schema):
    line1 = String(required=True, validate=Length(min=1, max=200))
    line2 = String(allow_none=True, validate=Length(max=200))
    city = String(required=True, validate=Length(min=1, max=100))
    postal_code = String(validate=Regexp(r"^[A-Za-z0-9 -]{3,10}$"))
    country = String(required=True, validate=Length(equal=2), metadata={"description": "ISO 3166-1 alpha-2"})


class CustomerSchema(Schema):
    id = String(dump_only=True, metadata={"example": "cus_9s6XKzkNRiz8i3"})
    object = String(dump_only=True, validate=OneOf(["customer"]))
    email = Email(required=True)
    name = String(allow_none=True, validate=Length(min=1, max=256))
    phone = String(allow_none=True, validate=Regexp(r"^\+[1-9][0-9]{6,14}$"))
    description = String(allow_none=True, validate=Length(max=350))
    balance = Integer(load_default=0, validate=Range(min=-10_000_000, max=10_000_000))
    currency = String(load_default="usd", validate=OneOf(["usd", "eur", "gbp", "jpy"]))
    tax_exempt = String(load_default="none", validate=OneOf(["none", "exempt", "reverse"]))
    preferred_locales = List(String(validate=Length(min=2, max=5)), load_default=list)
    address = Nested(AddressSchema, allow_none=True)
    metadata = Dict(keys=String(), values=String(validate=Length(max=500)))
    source = String(load_only=True, metadata={"description": "A card token, as tok_visa"})
    delinquent = Boolean(dump_only=True)
    default_source = String(dump_only=True, allow_none=True)
    created = DateTime(dump_only=True)


class CustomerListSchema(Schema):
    object = String(validate=OneOf(["list"]))
    url = String()
    has_more = Boolean()
    data = List(Nested(CustomerSchema))


class CustomerQuerySchema(Schema):
    limit = Integer(load_default=10, validate=Range(min=1, max=100))
    starting_after = String()
    email = Email()
    created_gte = DateTime(data_key="created[gte]")
    expand = List(String(validate=OneOf(["default_source", "invoice_settings"])))


class IdempotencySchema(Schema):
    idempotency_key = String(data_key="Idempotency-Key", validate=Length(min=1, max=255))


class LineItemSchema(Schema):
    description = String(required=True, validate=Length(min=1, max=500))
    quantity = Integer(load_default=1, validate=Range(min=1))
    unit_amount = Integer(required=True, validate=Range(min=0))


class InvoiceSchema(Schema):
    id = Integer(dump_only=True)
    object = String(dump_only=True, validate=OneOf(["invoice"]))
    customer = String(dump_only=True)
    number = UUID(dump_only=True)
    currency = String(required=True, validate=Regexp(r"^[a-z]{3}$"))
    description = String(allow_none=True, validate=Length(max=500))
    collection_method = String(load_default="charge_automatically",
                               validate=OneOf(["charge_automatically", "send_invoice"]))
    status = String(load_default="draft", validate=OneOf(["draft", "open", "paid", "void", "uncollectible"]))
    due_date = Date(required=True)
    lines = List(Nested(LineItemSchema), required=True, validate=Length(min=1, max=50))
    amount_due = Integer(dump_only=True)
    auto_advance = Boolean(load_default=True)
    paid_at = DateTime(dump_only=True)  # planted: None until paid, without allow_none
    created = DateTime(dump_only=True)

    @validates("due_date")
    def due_date_not_past(self, value, **kwargs):  # planted: not in the description
        if value < dt.date.today():
            raise ValidationError("due_date must not be in the past.")


class InvoiceListSchema(Schema):
    object = String(validate=OneOf(["list"]))
    url = String()
    has_more = Boolean()
    data = List(Nested(InvoiceSchema))


class InvoiceQuerySchema(Schema):
    limit = Integer(load_default=10, validate=Range(min=1, max=100))
    status = String(validate=OneOf(["draft", "open", "paid", "void", "uncollectible"]))
    due_before = Date()


class FileUploadSchema(Schema):
    file = File(required=True)
    purpose = String(required=True, validate=OneOf(["dispute_evidence", "identity_document", "customer_signature"]))


class FileSchema(Schema):
    id = UUID()
    object = String(validate=OneOf(["file"]))
    purpose = String()
    filename = String(allow_none=True)
    size = Integer()
    type = String(allow_none=True)
    created = DateTime()


# ---------------------------------------------------------------- store
CUSTOMERS = {}
INVOICES = {}
FILES = {}
NEXT_INVOICE = [1]


def now():
    return dt.datetime.now(dt.timezone.utc)


def get_customer_or_404(customer_id):
    customer = CUSTOMERS.get(customer_id)
    if customer is None:
        abort(404, f"No such customer: '{customer_id}'")
    return customer


CUSTOMER_EXAMPLE = {
    "email": "jenny.rosen@example.com",
    "name": "Jenny Rosen",
    "phone": "+14155550123",
    "currency": "usd",
    "address": {"line1": "510 Townsend St", "city": "San Francisco", "postal_code": "94103", "country": "US"},
    "metadata": {"order_id": "6735"},
    "source": "tok_visa",
}
INVOICE_EXAMPLE = {
    "currency": "usd",
    "description": "June subscription",
    "collection_method": "send_invoice",
    "due_date": "2031-07-01",
    "lines": [{"description": "Pro plan", "quantity": 1, "unit_amount": 2900}],
}


# ---------------------------------------------------------------- customers
@app.post("/v1/customers")
@app.auth_required(token_auth)
@app.input(IdempotencySchema, location="headers")
@app.input(CustomerSchema, example=CUSTOMER_EXAMPLE)
@app.output(CustomerSchema, status_code=201, description="The customer")
@app.doc(tags=["Customers"], responses={409: "A customer with this email exists"})
def create_customer(headers_data, json_data):
    """Create a customer"""
    if any(c["email"] == json_data["email"] for c in CUSTOMERS.values()):
        abort(409, "A customer with this email already exists.")
    source = json_data.pop("source", None)
    customer = {
        **json_data,
        "id": "cus_" + secrets.token_hex(7),
        "object": "customer",
        "delinquent": False,
        "default_source": ("card_" + secrets.token_hex(6)) if source else None,
        "created": now(),
    }
    CUSTOMERS[customer["id"]] = customer
    return customer, 201


@app.get("/v1/customers")
@app.auth_required(token_auth)
@app.input(CustomerQuerySchema, location="query")
@app.output(CustomerListSchema)
@app.doc(tags=["Customers"])
def list_customers(query_data):
    """List all customers"""
    found = list(CUSTOMERS.values())
    if "email" in query_data:
        found = [c for c in found if c["email"] == query_data["email"]]
    if "created_gte" in query_data:
        since = query_data["created_gte"]
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.timezone.utc)
        found = [c for c in found if c["created"] >= since]
    if "starting_after" in query_data:
        ids = [c["id"] for c in found]
        if query_data["starting_after"] in ids:
            found = found[ids.index(query_data["starting_after"]) + 1:]
    limit = query_data["limit"]
    return {"object": "list", "url": "/v1/customers", "has_more": len(found) > limit, "data": found[:limit]}


@app.get("/v1/customers/<customer_id>")
@app.auth_required(token_auth)
@app.output(CustomerSchema)
@app.doc(tags=["Customers"])
def get_customer(customer_id):
    """Retrieve a customer"""
    return get_customer_or_404(customer_id)


@app.patch("/v1/customers/<customer_id>")
@app.auth_required(token_auth)
@app.input(CustomerSchema(partial=True))
@app.output(CustomerSchema)
@app.doc(tags=["Customers"])
def update_customer(customer_id, json_data):
    """Update a customer"""
    customer = get_customer_or_404(customer_id)
    source = json_data.pop("source", None)
    if source:
        customer["default_source"] = "card_" + secrets.token_hex(6)
    customer.update(json_data)
    return customer


@app.delete("/v1/customers/<customer_id>")
@app.auth_required(token_auth)
@app.output({}, status_code=204)
@app.doc(tags=["Customers"])
def delete_customer(customer_id):
    """Delete a customer"""
    get_customer_or_404(customer_id)
    if any(i["customer"] == customer_id for i in INVOICES.values()):
        abort(409, "This customer has invoices; void them first.")  # planted: undocumented status
    del CUSTOMERS[customer_id]
    return ""


# ---------------------------------------------------------------- invoices
@app.post("/v1/customers/<customer_id>/invoices")
@app.auth_required(token_auth)
@app.input(InvoiceSchema, example=INVOICE_EXAMPLE)
@app.output(InvoiceSchema, status_code=201)
@app.doc(tags=["Invoices"])
def create_invoice(customer_id, json_data):
    """Create an invoice"""
    get_customer_or_404(customer_id)
    invoice = {
        **json_data,
        "id": NEXT_INVOICE[0],
        "object": "invoice",
        "customer": customer_id,
        "number": uuid.uuid4(),
        "amount_due": sum(line["quantity"] * line["unit_amount"] for line in json_data["lines"]),
        "paid_at": now() if json_data["status"] == "paid" else None,
        "created": now(),
    }
    NEXT_INVOICE[0] += 1
    INVOICES[invoice["id"]] = invoice
    return invoice, 201


@app.get("/v1/customers/<customer_id>/invoices")
@app.auth_required(token_auth)
@app.input(InvoiceQuerySchema, location="query")
@app.output(InvoiceListSchema)
@app.doc(tags=["Invoices"])
def list_invoices(customer_id, query_data):
    """List a customer's invoices"""
    get_customer_or_404(customer_id)
    found = [i for i in INVOICES.values() if i["customer"] == customer_id]
    if "status" in query_data:
        found = [i for i in found if i["status"] == query_data["status"]]
    if "due_before" in query_data:
        found = [i for i in found if i["due_date"] < query_data["due_before"]]
    limit = query_data["limit"]
    return {"object": "list", "url": f"/v1/customers/{customer_id}/invoices", "has_more": len(found) > limit,
            "data": found[:limit]}


@app.get("/v1/customers/<customer_id>/invoices/<int:invoice_id>")
@app.auth_required(token_auth)
@app.output(InvoiceSchema)
@app.doc(tags=["Invoices"])
def get_invoice(customer_id, invoice_id):
    """Retrieve an invoice"""
    get_customer_or_404(customer_id)
    invoice = INVOICES.get(invoice_id)
    if invoice is None or invoice["customer"] != customer_id:
        abort(404, f"No such invoice: '{invoice_id}'")
    return invoice


# ---------------------------------------------------------------- files
@app.post("/v1/files")
@app.auth_required(basic_auth)
@app.input(FileUploadSchema, location="form_and_files")
@app.output(FileSchema, status_code=201)
@app.doc(tags=["Files"])
def upload_file(form_and_files_data):
    """Upload a file"""
    upload = form_and_files_data["file"]
    content = upload.read()
    record = {
        "id": uuid.uuid4(),
        "object": "file",
        "purpose": form_and_files_data["purpose"],
        "filename": upload.filename or None,
        "size": len(content),
        "type": upload.mimetype or None,
        "created": now(),
    }
    FILES[str(record["id"])] = record
    return record, 201
