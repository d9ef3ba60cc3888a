"""A shipments API on Litestar with msgspec structs and dataclasses, as Litestar users write them (`run.sh`
probes it).

What the API does that its description does not say, which the probe must find and nothing else:
- `insured_value: Optional[Decimal]` is described as any string; msgspec refuses one that is no decimal
  (probe-rejected-valid, POST /shipments).
- Litestar documents no 404; a deleted shipment's DELETE gets one, and GET, PATCH and PUT .../label one for a
  shipment the probe makes up (response-status-undocumented).
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import Annotated, Literal, Optional, Union
from uuid import UUID, uuid4

import msgspec
from litestar import Litestar, Request, delete, get, patch, post, put
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.openapi import OpenAPIConfig
from litestar.params import Body, Parameter


class Carrier(str, Enum):
    ups = "ups"
    dhl = "dhl"
    usps = "usps"


class Address(msgspec.Struct):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
    line1: str
    city: str
    country: Annotated[str, msgspec.Meta(pattern="^[A-Z]{2}$")]
    postal_code: Optional[str] = None


class Parcel(msgspec.Struct):
    weight_grams: Annotated[int, msgspec.Meta(gt=0, le=70_000)]
    length_cm: Annotated[float, msgspec.Meta(gt=0)]
    width_cm: Annotated[float, msgspec.Meta(gt=0)]
    height_cm: Annotated[float, msgspec.Meta(gt=0)]


class Pickup(msgspec.Struct, tag="pickup", tag_field="mode"):
    window_start: datetime
    window_end: datetime


class DropOff(msgspec.Struct, tag="drop_off", tag_field="mode"):
    location_id: Annotated[str, msgspec.Meta(pattern="^loc_[0-9a-z]{6}$")]


class ShipmentIn(msgspec.Struct, forbid_unknown_fields=True):
    to: Address
    parcels: Annotated[list[Parcel], msgspec.Meta(min_length=1, max_length=10)]
    carrier: Carrier = Carrier.ups
    handover: Union[Pickup, DropOff, None] = None
    reference: Optional[Annotated[str, msgspec.Meta(max_length=35)]] = None
    insured_value: Optional[Decimal] = None
    metadata: dict[str, str] = {}
    ship_on: Optional[date] = None


class Shipment(msgspec.Struct):
    id: UUID
    status: Literal["created", "in_transit", "delivered", "returned"]
    to: Address
    parcels: list[Parcel]
    carrier: Carrier
    handover: Union[Pickup, DropOff, None]
    reference: Optional[str]
    tracking_url: Optional[str]
    created_at: datetime
    label_pages: int = 0


@dataclass
class Page:
    items: list[Shipment]
    next_cursor: Optional[str] = None


@dataclass
class LabelForm:
    file: UploadFile
    format: Literal["pdf", "png", "zpl"] = "pdf"
    pages: int = 1


SHIPMENTS: dict[UUID, Shipment] = {}


@post("/shipments", tags=["shipments"])
async def create_shipment(data: ShipmentIn, idempotency_key: Annotated[Optional[str], Parameter(header="Idempotency-Key", max_length=64)] = None) -> Shipment:
    s = Shipment(id=uuid4(), status="created", to=data.to, parcels=data.parcels, carrier=data.carrier, handover=data.handover,
                 reference=data.reference, tracking_url=None, created_at=datetime.now(timezone.utc))
    SHIPMENTS[s.id] = s
    return s


@get("/shipments", tags=["shipments"])
async def list_shipments(limit: Annotated[int, Parameter(ge=1, le=50)] = 20, cursor: Optional[str] = None,
                         status: Optional[list[Literal["created", "in_transit", "delivered", "returned"]]] = None,
                         carrier: Optional[Carrier] = None, since: Optional[date] = None) -> Page:
    return Page(items=list(SHIPMENTS.values())[:limit])


@get("/shipments/{shipment_id:uuid}", tags=["shipments"])
async def get_shipment(shipment_id: UUID) -> Shipment:
    if shipment_id not in SHIPMENTS:
        raise NotFoundException(f"shipment {shipment_id} not found")
    return SHIPMENTS[shipment_id]


@patch("/shipments/{shipment_id:uuid}", tags=["shipments"])
async def update_shipment(shipment_id: UUID, data: dict[str, str]) -> Shipment:
    if shipment_id not in SHIPMENTS:
        raise NotFoundException()
    return SHIPMENTS[shipment_id]


@put("/shipments/{shipment_id:uuid}/label", tags=["shipments"], status_code=200)
async def upload_label(shipment_id: UUID, data: Annotated[LabelForm, Body(media_type=RequestEncodingType.MULTI_PART)]) -> dict[str, int]:
    if shipment_id not in SHIPMENTS:
        raise NotFoundException()
    content = await data.file.read()
    return {"bytes": len(content), "pages": data.pages}


@delete("/shipments/{shipment_id:uuid}", tags=["shipments"])
async def cancel_shipment(shipment_id: UUID) -> None:
    if SHIPMENTS.pop(shipment_id, None) is None:
        raise NotFoundException()


@post("/rates", tags=["rates"], status_code=200)
async def quote(data: Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]) -> list[dict[str, Union[str, int]]]:
    return [{"carrier": "ups", "amount": 1299, "currency": "usd"}]


app = Litestar([create_shipment, list_shipments, get_shipment, update_shipment, upload_label, cancel_shipment, quote],
               openapi_config=OpenAPIConfig(title="Shipments", version="2026.12"))
