"""A hotel bookings API on Falcon (ASGI) with spectree and pydantic, as spectree users write them (`run.sh` probes
it, with an API key, which the app only requires to be there).

What the API does that its description does not say, which the probe must find and nothing else:
- DELETE /v1/bookings/{booking_id} documents 204 without content and answers 200 with `{"deleted": true}`
  (response-status-undocumented).
- `status: list[BookingStatus]` is an array in the description, of which `?status=x` is one item; Falcon's
  `req.params` gives it as a string, which pydantic refuses with 422 (probe-rejected-valid, GET /v1/bookings). A
  list with an item outside the enum is refused with pydantic's error, whose `loc` holds the item's index, a
  number, where spectree's `ValidationErrorElement` says strings (response-body-invalid, GET /v1/bookings).
- spectree describes `{day:dt("%Y-%m-%d")}` as a date-time; Falcon routes only %Y-%m-%d, so a date-time gets 404,
  which the operation does not document (response-status-undocumented, GET /v1/reports/daily/{day}).
- spectree describes `{room_id:int(min=1)}` with `minimum: "1"`, a string that bounds nothing (the probe reports it
  in the description, which run.sh does not count); room 0 misses Falcon's route, and its 404 body
  `{"title": ...}` is not the documented `Error` (response-body-invalid, GET /v1/rooms/{room_id}/availability).
  Booking ids are routed as `uuid`: an id that is no UUID misses the route alike (response-body-invalid, GET, PUT
  and DELETE /v1/bookings/{booking_id} and POST /v1/bookings/{booking_id}/documents).
- spectree answers an invalid multipart form with a 422 listing pydantic's errors with their input, which holds
  the uploaded part, and Falcon cannot serialize it: 500 (probe-server-error,
  POST /v1/bookings/{booking_id}/documents).
- POST /v1/bookings refuses a single room for more than 2 guests with a 422 of its own body, which spectree's
  response validation fails on (probe-server-error: the body with every optional member asks for 3 guests).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from enum import Enum

import falcon
import falcon.asgi
from pydantic import BaseModel, EmailStr, Field
from spectree import Response, SecurityScheme, SecuritySchemeData, SpecTree, Tag
from spectree.model_adapter.pydantic_adapter import BaseFile

spec = SpecTree(
    "falcon-asgi",
    title="Bookings API",
    version="1.4.0",
    security_schemes=[
        SecurityScheme(name="ApiKey", data=SecuritySchemeData(type="apiKey", name="X-API-Key", field_in="header")),
    ],
    security={"ApiKey": []},
)

BOOKINGS_TAG = Tag(name="bookings", description="Room bookings")


# ----------------------------------------------------------------------------- models
class RoomType(str, Enum):
    single = "single"
    double = "double"
    suite = "suite"


class BookingStatus(str, Enum):
    confirmed = "confirmed"
    checked_in = "checked_in"
    cancelled = "cancelled"


class Extra(str, Enum):
    breakfast = "breakfast"
    parking = "parking"
    late_checkout = "late_checkout"


class DocumentKind(str, Enum):
    passport = "passport"
    id_card = "id_card"
    invoice = "invoice"


class Guest(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    email: EmailStr
    phone: str | None = Field(None, pattern=r"^\+[1-9][0-9]{6,14}$")


class BookingCreate(BaseModel):
    guest: Guest
    room_type: RoomType
    check_in: date
    nights: int = Field(ge=1, le=30)
    guests: int = Field(1, ge=1, le=8)
    extras: list[Extra] = Field(default_factory=list, max_length=3)
    notes: str | None = Field(None, max_length=500)
    coupon: str | None = Field(None, pattern=r"^[A-Z0-9]{6}$")


class BookingUpdate(BaseModel):
    guest: Guest
    notes: str | None = Field(None, max_length=500)


class Booking(BaseModel):
    id: uuid.UUID
    status: BookingStatus
    guest: Guest
    room_type: RoomType
    room_id: int
    check_in: date
    check_out: date
    nights: int
    guests: int
    extras: list[Extra]
    notes: str | None
    total_cents: int = Field(ge=0)
    created_at: datetime


class BookingList(BaseModel):
    items: list[Booking]
    total: int


class Error(BaseModel):
    code: str
    message: str


class RequestHeaders(BaseModel):
    x_request_id: uuid.UUID | None = Field(None, alias="x-request-id")


class ListQuery(BaseModel):
    status: list[BookingStatus] | None = None
    check_in_from: date | None = None
    limit: int = Field(20, ge=1, le=50)


class ListCookies(BaseModel):
    tz: str | None = Field(None, max_length=40)


class DocumentForm(BaseModel):
    kind: DocumentKind
    file: BaseFile
    note: str | None = Field(None, max_length=200)


class Document(BaseModel):
    id: uuid.UUID
    booking_id: uuid.UUID
    kind: DocumentKind
    filename: str
    size: int
    note: str | None


class AvailabilityQuery(BaseModel):
    from_date: date
    nights: int = Field(1, ge=1, le=30)


class Availability(BaseModel):
    room_id: int
    from_date: date
    nights: int
    available: bool
    price_cents: int


class DailyReport(BaseModel):
    day: date
    arrivals: int
    departures: int
    occupancy: float = Field(ge=0, le=1)


# ----------------------------------------------------------------------------- store & auth
BOOKINGS: dict[uuid.UUID, Booking] = {}
PRICES = {RoomType.single: 8000, RoomType.double: 12000, RoomType.suite: 25000}


class ApiKeyMiddleware:
    async def process_request(self, req, resp):
        if req.path.startswith("/apidoc"):
            return
        if not req.get_header("X-API-Key"):
            raise falcon.HTTPUnauthorized(title="missing API key", challenges=["ApiKey"])


def _not_found(resp, what: str) -> None:
    resp.status = falcon.HTTP_404
    resp.media = Error(code="not_found", message=f"{what} not found")


# ----------------------------------------------------------------------------- resources
class BookingsResource:
    @spec.validate(json=BookingCreate, headers=RequestHeaders,
                   resp=Response(HTTP_201=Booking, HTTP_409=Error), tags=[BOOKINGS_TAG],
                   operation_id="createBooking")
    async def on_post(self, req, resp, json: BookingCreate, headers: RequestHeaders):
        """Create a booking

        Books a room for a guest.
        """
        if json.room_type == RoomType.single and json.guests > 2:
            resp.status = falcon.HTTP_422
            resp.media = {"error": "a single room takes at most 2 guests"}
            return
        for b in BOOKINGS.values():
            if b.guest.email == json.guest.email and b.check_in == json.check_in and b.status != BookingStatus.cancelled:
                resp.status = falcon.HTTP_409
                resp.media = Error(code="duplicate", message="guest already has a booking that day")
                return
        bid = uuid.uuid4()
        booking = Booking(
            id=bid, status=BookingStatus.confirmed, guest=json.guest, room_type=json.room_type,
            room_id=100 + len(BOOKINGS), check_in=json.check_in,
            check_out=json.check_in + timedelta(days=json.nights), nights=json.nights,
            guests=json.guests, extras=json.extras, notes=json.notes,
            total_cents=PRICES[json.room_type] * json.nights, created_at=datetime.now(timezone.utc),
        )
        BOOKINGS[bid] = booking
        resp.status = falcon.HTTP_201
        resp.set_header("Location", f"/v1/bookings/{bid}")
        resp.media = booking

    @spec.validate(query=ListQuery, cookies=ListCookies, resp=Response(HTTP_200=BookingList),
                   tags=[BOOKINGS_TAG], operation_id="listBookings")
    async def on_get(self, req, resp, query: ListQuery, cookies: ListCookies):
        """List bookings"""
        items = sorted(BOOKINGS.values(), key=lambda b: b.created_at)
        if query.status:
            items = [b for b in items if b.status in query.status]
        if query.check_in_from:
            items = [b for b in items if b.check_in >= query.check_in_from]
        resp.media = BookingList(items=items[: query.limit], total=len(items))


class BookingResource:
    @spec.validate(resp=Response(HTTP_200=Booking, HTTP_404=Error), tags=[BOOKINGS_TAG],
                   operation_id="getBooking")
    async def on_get(self, req, resp, booking_id: uuid.UUID):
        """Retrieve a booking"""
        booking = BOOKINGS.get(booking_id)
        if booking is None:
            return _not_found(resp, "booking")
        resp.media = booking

    @spec.validate(json=BookingUpdate, resp=Response(HTTP_200=Booking, HTTP_404=Error),
                   tags=[BOOKINGS_TAG], operation_id="updateBooking")
    async def on_put(self, req, resp, booking_id: uuid.UUID, json: BookingUpdate):
        """Update guest details of a booking"""
        booking = BOOKINGS.get(booking_id)
        if booking is None:
            return _not_found(resp, "booking")
        booking.guest = json.guest
        booking.notes = json.notes
        resp.media = booking

    @spec.validate(resp=Response("HTTP_204", HTTP_404=Error), tags=[BOOKINGS_TAG],
                   operation_id="cancelBooking")
    async def on_delete(self, req, resp, booking_id: uuid.UUID):
        """Cancel a booking"""
        booking = BOOKINGS.get(booking_id)
        if booking is None:
            return _not_found(resp, "booking")
        booking.status = BookingStatus.cancelled
        resp.status = falcon.HTTP_200
        resp.media = {"deleted": True}


class DocumentsResource:
    @spec.validate(form=DocumentForm, resp=Response(HTTP_201=Document, HTTP_404=Error),
                   tags=[BOOKINGS_TAG], operation_id="uploadDocument")
    async def on_post(self, req, resp, booking_id: uuid.UUID, form: DocumentForm):
        """Attach a document to a booking"""
        if booking_id not in BOOKINGS:
            return _not_found(resp, "booking")
        part = form.file
        data = await part.stream.read()
        resp.status = falcon.HTTP_201
        resp.media = Document(id=uuid.uuid4(), booking_id=booking_id, kind=form.kind,
                              filename=part.filename or "upload", size=len(data), note=form.note)


class AvailabilityResource:
    @spec.validate(query=AvailabilityQuery, resp=Response(HTTP_200=Availability, HTTP_404=Error),
                   tags=["rooms"], operation_id="getAvailability")
    async def on_get(self, req, resp, room_id: int, query: AvailabilityQuery):
        """Room availability"""
        if room_id > 500:
            return _not_found(resp, "room")
        busy = any(b.room_id == room_id and b.status != BookingStatus.cancelled
                   and b.check_in < query.from_date + timedelta(days=query.nights)
                   and query.from_date < b.check_out for b in BOOKINGS.values())
        resp.media = Availability(room_id=room_id, from_date=query.from_date, nights=query.nights,
                                  available=not busy, price_cents=12000 * query.nights)


class ReportResource:
    @spec.validate(resp=Response(HTTP_200=DailyReport), tags=["reports"], operation_id="dailyReport")
    async def on_get(self, req, resp, day: datetime):
        """Daily report"""
        d = day.date()
        arrivals = sum(1 for b in BOOKINGS.values() if b.check_in == d)
        departures = sum(1 for b in BOOKINGS.values() if b.check_out == d)
        resp.media = DailyReport(day=d, arrivals=arrivals, departures=departures,
                                 occupancy=min(1.0, len(BOOKINGS) / 50))


app = falcon.asgi.App(middleware=[ApiKeyMiddleware()])
app.add_route("/v1/bookings", BookingsResource())
app.add_route("/v1/bookings/{booking_id:uuid}", BookingResource())
app.add_route("/v1/bookings/{booking_id:uuid}/documents", DocumentsResource())
app.add_route("/v1/rooms/{room_id:int(min=1)}/availability", AvailabilityResource())
app.add_route('/v1/reports/daily/{day:dt("%Y-%m-%d")}', ReportResource())
spec.register(app)
