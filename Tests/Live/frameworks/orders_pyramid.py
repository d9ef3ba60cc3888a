"""A Lob- and Stripe-like orders API (orders and their shipments) on Pyramid 2 with pyramid_openapi3, spec-first: the
app serves the hand-written `orders_pyramid.yaml` (OpenAPI 3.1.0) and pyramid_openapi3 validates each `openapi=True`
view's requests and responses against it with openapi-core (a request that breaks it gets 400 with
pyramid_openapi3's error list, a response that breaks it becomes a 500), as pyramid_openapi3 users write them.

Serve: `uvicorn orders_pyramid:app --interface wsgi --host 127.0.0.1 --port PORT` (from this folder); base URL
http://127.0.0.1:PORT/v1. Credentials: bearer token `sk_test_pyramid_51Hx` (scheme bearerAuth) or API key
`key_test_pyramid_9f2` in X-Api-Key (scheme apiKey).

What the API does that its description does not say, which the probe must find and nothing else:
- The list's `status` filter maps each state to the column code the store keeps, and the map has no `returned` (the
  returns feature is described, not built): `?status=returned` is a KeyError, a 500 (probe-server-error, GET
  /orders).
- The list refuses a `limit` over 50 with 400, where the description allows up to 100 (probe-rejected-valid, GET
  /orders).
- PATCH recomputes the shipping amount whenever `shipping_address` is given, and `shipping_address: null` (described:
  removes the address, for an order collected in store) is subscripted: a TypeError, a 500 (probe-server-error,
  PATCH /orders/{order_id}).
- DELETE of an order that has a shipment answers 409, which the description does not document; pyramid_openapi3's
  response validation finds no 409 in the description and answers 500 in its place (probe-server-error, DELETE
  /orders/{order_id}).
- The shipment views were added without `openapi=True` on their `view_config`, so pyramid_openapi3 validates
  neither their requests nor their responses: bodies that break the description are stored (probe-accepted-invalid,
  POST /orders/{order_id}/shipments), and the rate's `amount` is written in currency units as a float (`7.35`) where
  the description has an integer of the smallest unit (response-body-invalid, POST and GET
  /orders/{order_id}/shipments).

Pyramid behaviour the description cannot change (not the app's): a method no view takes is answered 404 by
Pyramid's routing, not 405 (a refusal, which the probe lets pass); requests without valid credentials get the
forbidden view's 401 before pyramid_openapi3 looks at them.
"""
import datetime as dt
import secrets
import string
from pathlib import Path

from pyramid.config import Configurator
from pyramid.httpexceptions import exception_response
from pyramid.renderers import JSON
from pyramid.security import Allowed, Denied
from pyramid.view import forbidden_view_config, view_config

BEARER_TOKENS = {"sk_test_pyramid_51Hx": "acct_1"}
API_KEYS = {"key_test_pyramid_9f2": "acct_1"}

ORDERS: dict = {}  # id -> order
SHIPMENTS: dict = {}  # order id -> [shipment]

# The store keeps a state as a small integer column.
STATUS_CODES = {"pending": 0, "paid": 1, "shipped": 2, "delivered": 3, "cancelled": 4}
# Shipping, in the smallest currency unit, by destination.
SHIPPING = {"US": 500, "GB": 700}
SHIPPING_ABROAD = 1500
# Label prices in dollars, as the carriers' rate sheets give them.
RATES = {"ground": 7.35, "express": 18.9, "overnight": 42.5}


class TokenSecurityPolicy:
    """A bearer secret key, or an API key in X-Api-Key."""

    def identity(self, request):
        authorization = request.headers.get("Authorization", "")
        if authorization[:7].lower() == "bearer ":
            return BEARER_TOKENS.get(authorization[7:].strip())
        key = request.headers.get("X-Api-Key")
        return API_KEYS.get(key) if key else None

    def authenticated_userid(self, request):
        return self.identity(request)

    def permits(self, request, context, permission):
        if self.identity(request) is None:
            return Denied("no valid credentials")
        return Allowed("authenticated")

    def remember(self, request, userid, **kw):
        return []

    def forget(self, request, **kw):
        return []


def _errors(status, message, field=None, exception="HTTPError"):
    error = {"exception": exception, "message": message}
    if field:
        error["field"] = field
    return exception_response(status, json_body=[error])


@forbidden_view_config()
def unauthorized(request):
    return _errors(401, "No valid API key provided.", exception="Unauthorized")


def _now():
    return dt.datetime.now(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def _new_id(prefix):
    alphabet = string.ascii_letters + string.digits
    return prefix + "".join(secrets.choice(alphabet) for _ in range(24))


def _shipping_amount(address):
    return SHIPPING.get(address["country"], SHIPPING_ABROAD)


def _order_or_404(request):
    order = ORDERS.get(request.matchdict["order_id"])
    if order is None:
        raise _errors(404, f"No such order: '{request.matchdict['order_id']}'", "order_id", "NotFound")
    return order


# ---------------------------------------------------------------- orders
@view_config(route_name="orders", request_method="POST", renderer="json", openapi=True, permission="orders")
def create_order(request):
    body = request.openapi_validated.body
    line_items = [dict(item) for item in body["line_items"]]
    subtotal = sum(item["quantity"] * item["unit_amount"] for item in line_items)
    address = body.get("shipping_address")
    shipping = _shipping_amount(address) if address else 0
    order = {
        "id": _new_id("ord_"),
        "object": "order",
        "status": "pending",
        "currency": body["currency"],
        "customer_email": body["customer_email"],
        "line_items": line_items,
        "amount_subtotal": subtotal,
        "amount_shipping": shipping,
        "amount_total": subtotal + shipping,
        "shipping_address": dict(address) if address else None,
        "note": body.get("note"),
        "ship_by": body.get("ship_by"),
        "metadata": dict(body.get("metadata") or {}),
        "created": _now(),
    }
    ORDERS[order["id"]] = order
    request.response.status = 201
    return order


@view_config(route_name="orders", request_method="GET", renderer="json", openapi=True, permission="orders")
def list_orders(request):
    query = request.openapi_validated.parameters.query
    limit = query.get("limit", 10)
    if limit > 50:  # defect: the description allows up to 100
        raise _errors(400, "limit must be at most 50", "limit", "ValidationError")
    orders = sorted(ORDERS.values(), key=lambda o: o["created"], reverse=True)
    if query.get("starting_after"):
        ids = [o["id"] for o in orders]
        cursor = query["starting_after"]
        orders = orders[ids.index(cursor) + 1:] if cursor in ids else []
    if query.get("status"):
        codes = {STATUS_CODES[status] for status in query["status"]}  # defect: no code for "returned"
        orders = [o for o in orders if STATUS_CODES.get(o["status"]) in codes]
    if query.get("customer_email"):
        orders = [o for o in orders if o["customer_email"].lower() == query["customer_email"].lower()]
    if query.get("created_after"):
        day = query["created_after"]  # openapi-core gives a date
        orders = [o for o in orders if o["created"][:10] >= day.isoformat()]
    page = orders[:limit]
    has_more = len(orders) > limit
    return {"object": "list", "data": page, "has_more": has_more, "next_cursor": page[-1]["id"] if has_more else None}


@view_config(route_name="order", request_method="GET", renderer="json", openapi=True, permission="orders")
def get_order(request):
    return _order_or_404(request)


@view_config(route_name="order", request_method="PATCH", renderer="json", openapi=True, permission="orders")
def update_order(request):
    order = _order_or_404(request)
    body = request.openapi_validated.body
    if "shipping_address" in body:
        address = body["shipping_address"]
        order["amount_shipping"] = _shipping_amount(address)  # defect: null is described, and crashes here
        order["amount_total"] = order["amount_subtotal"] + order["amount_shipping"]
        order["shipping_address"] = dict(address) if address else None
    if "status" in body:
        order["status"] = body["status"]
    if "note" in body:
        order["note"] = body["note"]
    if "metadata" in body:
        order["metadata"] = {**order["metadata"], **body["metadata"]}
    return order


@view_config(route_name="order", request_method="DELETE", openapi=True, permission="orders")
def delete_order(request):
    order = _order_or_404(request)
    if SHIPMENTS.get(order["id"]):  # defect: 409 is not documented
        return _errors(409, "An order that has shipped cannot be deleted.", exception="Conflict")
    del ORDERS[order["id"]]
    SHIPMENTS.pop(order["id"], None)
    request.response.status = 204
    return request.response


# ---------------------------------------------------------------- shipments (defect: no openapi=True)
@view_config(route_name="shipments", request_method="POST", renderer="json", permission="orders")
def create_shipment(request):
    order = _order_or_404(request)
    try:
        body = request.json_body
    except ValueError:
        raise _errors(400, "Body is not JSON.", exception="ValidationError")
    if not isinstance(body, dict):
        raise _errors(400, "Body must be an object.", exception="ValidationError")
    service = body.get("service", "ground")
    shipment = {
        "id": _new_id("shp_"),
        "object": "shipment",
        "order": order["id"],
        "carrier": body.get("carrier", "usps"),
        "service": service,
        "weight_grams": body.get("weight_grams"),
        "status": "label_created",
        "tracking_number": None,
        "rate": {"amount": RATES.get(service, RATES["ground"]), "currency": "usd"},  # defect: dollars, a float
        "created": _now(),
    }
    SHIPMENTS.setdefault(order["id"], []).append(shipment)
    order["status"] = "shipped"
    request.response.status = 201
    return shipment


@view_config(route_name="shipments", request_method="GET", renderer="json", permission="orders")
def list_shipments(request):
    order = _order_or_404(request)
    shipments = SHIPMENTS.get(order["id"], [])
    return {"object": "list", "data": shipments, "has_more": False}


def main():
    config = Configurator(settings={"pyramid_openapi3.enable_endpoint_validation": True})
    config.set_security_policy(TokenSecurityPolicy())
    json_renderer = JSON()
    json_renderer.add_adapter(dt.date, lambda value, request: value.isoformat())
    json_renderer.add_adapter(dt.datetime, lambda value, request: value.isoformat())
    config.add_renderer("json", json_renderer)
    config.include("pyramid_openapi3")
    config.pyramid_openapi3_spec(str(Path(__file__).with_name("orders_pyramid.yaml")), route="/v1/openapi.yaml")
    with config.route_prefix_context("/v1"):
        config.add_route("orders", "/orders")
        config.add_route("order", "/orders/{order_id}")
        config.add_route("shipments", "/orders/{order_id}/shipments")
    config.scan()
    return config.make_wsgi_app()


app = main()
