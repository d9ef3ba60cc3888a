"""A Stripe-like payments API (customers, their payment methods and notes, files) on Connexion 3, spec-first: the
app serves and validates against the hand-written `payments_connexion.yaml` (OpenAPI 3.0.3), as Connexion users write them.

Serve: `uvicorn payments_connexion:app --host 127.0.0.1 --port PORT` (from this folder); base URL
http://127.0.0.1:PORT/v1. Credentials: bearer token `sk_test_4eC39HqLyjWDarjtT1zdp7dc` (scheme bearerAuth) or API
key `pk_test_TYooMQauvdEDq54NiTphI7jx` in X-Api-Key (scheme apiKey).

What the API does that its description does not say, which the probe must find and nothing else:
- Customers keep `phone: None` when created without one, but `Customer.phone` is a string, not nullable
  (response-body-invalid, POST /customers, GET /customers, GET /customers/{customer_id}, PATCH
  /customers/{customer_id}).
- Connexion 3 validates with jsonschema's draft-4 format checker, which checks `email` (an "@") and no other format
  of this description, and the handlers trust it: `created_after` (format date) goes to `date.fromisoformat`
  unguarded, so text that is no date is a 500 (probe-server-error, GET /customers); a `trial_end` that is no
  date-time and an `Idempotency-Key` that is no UUID are stored (probe-accepted-invalid, POST /customers); a
  `payment_method_id` that is no UUID is looked up and answered 404 (fine).
- The notes form answers 200 where the description documents 201 (response-status-undocumented, POST
  /customers/{customer_id}/notes).

Connexion behaviour the description cannot change (not the app's): undocumented methods are answered 405 (a
documented refusal is not needed: a warning at most).
"""
import datetime as dt
import secrets
import string
import uuid

import connexion
from connexion import NoContent
from connexion.resolver import RelativeResolver

BEARER_TOKENS = {"sk_test_4eC39HqLyjWDarjtT1zdp7dc": "acct_1"}
API_KEYS = {"pk_test_TYooMQauvdEDq54NiTphI7jx": "acct_1"}

CUSTOMERS: dict = {}  # id -> customer
PAYMENT_METHODS: dict = {}  # id -> payment method (with customer)
NOTES: list = []
FILES: dict = {}
IDEMPOTENCY: dict = {}  # key -> customer id


def bearer_info(token):
    account = BEARER_TOKENS.get(token)
    return {"sub": account} if account else None


def apikey_info(key, required_scopes=None):
    account = API_KEYS.get(key)
    return {"sub": account} if account else None


def _now():
    return dt.datetime.now(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def _new_id(prefix):
    alphabet = string.ascii_letters + string.digits
    return prefix + "".join(secrets.choice(alphabet) for _ in range(14))


# Every operation documents application/json and application/problem+json responses, so Connexion 3 wants each
# answer to say which one it is ("Multiple response content types are defined in the operation spec").
JSON = {"Content-Type": "application/json"}


def _not_found(kind, ident):
    return connexion.problem(404, "Not Found", f"No such {kind}: '{ident}'")


# ---------------------------------------------------------------- customers
def create_customer(body):
    key = connexion.request.headers.get("Idempotency-Key")
    if key and key in IDEMPOTENCY and IDEMPOTENCY[key] in CUSTOMERS:
        customer = CUSTOMERS[IDEMPOTENCY[key]]
        return customer, 201, {**JSON, "Location": f"/v1/customers/{customer['id']}"}
    customer = {
        "id": _new_id("cus_"),
        "object": "customer",
        "email": body["email"],
        "name": body.get("name"),
        "phone": body.get("phone"),  # defect: None when not given; Customer.phone is not nullable
        "description": body.get("description"),
        "status": "active",
        "currency": body.get("currency", "usd"),
        "tax_exempt": body.get("tax_exempt", "none"),
        "balance": 0,
        "address": body.get("address"),
        "metadata": body.get("metadata", {}),
        "trial_end": body.get("trial_end"),  # format date-time, unchecked by Connexion
        "created": _now(),
        "livemode": False,
    }
    CUSTOMERS[customer["id"]] = customer
    if key:
        IDEMPOTENCY[key] = customer["id"]
    return customer, 201, {**JSON, "Location": f"/v1/customers/{customer['id']}"}


def list_customers(limit=10, starting_after=None, status=None, email=None, created_after=None):
    customers = sorted(CUSTOMERS.values(), key=lambda c: c["created"])
    if starting_after:
        ids = [c["id"] for c in customers]
        customers = customers[ids.index(starting_after) + 1:] if starting_after in ids else []
    if status:
        customers = [c for c in customers if c["status"] in status]
    if email:
        customers = [c for c in customers if c["email"].lower() == email.lower()]
    if created_after:
        day = dt.date.fromisoformat(created_after)  # defect: format date is not checked by Connexion
        customers = [c for c in customers if c["created"][:10] >= day.isoformat()]
    page = customers[:limit]
    has_more = len(customers) > limit
    return {
        "object": "list",
        "data": page,
        "has_more": has_more,
        "next_cursor": page[-1]["id"] if has_more else None,
    }, 200, JSON


def get_customer(customer_id):
    customer = CUSTOMERS.get(customer_id)
    if customer is None:
        return _not_found("customer", customer_id)
    return customer, 200, JSON


def update_customer(customer_id, body):
    customer = CUSTOMERS.get(customer_id)
    if customer is None:
        return _not_found("customer", customer_id)
    for field in ("name", "phone", "description", "status"):
        if field in body:
            customer[field] = body[field]
    if "metadata" in body:
        customer["metadata"] = {**customer["metadata"], **body["metadata"]}
    return customer, 200, JSON


def delete_customer(customer_id):
    if CUSTOMERS.pop(customer_id, None) is None:
        return _not_found("customer", customer_id)
    for pm_id in [k for k, v in PAYMENT_METHODS.items() if v["customer"] == customer_id]:
        del PAYMENT_METHODS[pm_id]
    return NoContent, 204


# ---------------------------------------------------------------- payment methods
def _brand(number):
    if number.startswith("4"):
        return "visa"
    if number[:2] in {"51", "52", "53", "54", "55"}:
        return "mastercard"
    if number[:2] in {"34", "37"}:
        return "amex"
    return "unknown"


def _public(pm):
    return {k: v for k, v in pm.items()}


def attach_payment_method(customer_id, body):
    if customer_id not in CUSTOMERS:
        return _not_found("customer", customer_id)
    pm = {
        "id": str(uuid.uuid4()),
        "object": "payment_method",
        "type": body["type"],
        "customer": customer_id,
        "billing_details": body.get("billing_details", {"name": None, "email": None}),
        "created": _now(),
    }
    if body["type"] == "card":
        card = body["card"]
        pm["card"] = {
            "exp_month": card["exp_month"],
            "exp_year": card["exp_year"],
            "last4": card["number"][-4:],
            "brand": _brand(card["number"]),
        }
    else:
        account = body["us_bank_account"]
        pm["us_bank_account"] = {
            "routing_number": account["routing_number"],
            "account_holder_type": account["account_holder_type"],
            "last4": account["account_number"][-4:],
        }
    PAYMENT_METHODS[pm["id"]] = pm
    return _public(pm), 201, JSON


def list_payment_methods(customer_id, limit=10, type=None):
    if customer_id not in CUSTOMERS:
        return _not_found("customer", customer_id)
    pms = [pm for pm in PAYMENT_METHODS.values() if pm["customer"] == customer_id]
    if type:
        pms = [pm for pm in pms if pm["type"] == type]
    return {"object": "list", "data": [_public(pm) for pm in pms[:limit]], "has_more": len(pms) > limit}, 200, JSON


def detach_payment_method(customer_id, payment_method_id):
    pm = PAYMENT_METHODS.get(payment_method_id)
    if pm is None or pm["customer"] != customer_id:
        return _not_found("payment method", payment_method_id)
    del PAYMENT_METHODS[payment_method_id]
    return NoContent, 204


# ---------------------------------------------------------------- notes (form)
def add_note(customer_id, body):
    if customer_id not in CUSTOMERS:
        return _not_found("customer", customer_id)
    note = {
        "id": len(NOTES) + 1,
        "customer": customer_id,
        "body": body["body"],
        "pinned": body.get("pinned", False),
        "visibility": body.get("visibility", "internal"),
        "created": _now(),
    }
    NOTES.append(note)
    return note, 200, JSON  # defect: the description documents 201


# ---------------------------------------------------------------- files (multipart)
def upload_file(body, file):
    content = file.read()
    record = {
        "id": _new_id("file_"),
        "object": "file",
        "purpose": body["purpose"],
        "filename": file.filename,
        "size": len(content),
        "type": file.mimetype or None,
        "created": _now(),
    }
    FILES[record["id"]] = record
    return record, 201, JSON


app = connexion.FlaskApp(__name__, specification_dir=".")
app.add_api("payments_connexion.yaml", resolver=RelativeResolver("payments_connexion"))
