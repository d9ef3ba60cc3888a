"""A device inventory API that uses pydantic's wider type zoo, as FastAPI users write them (`run.sh` probes it).

What the API does that its description does not say, which the probe must find and nothing else:
- `created` is a naive datetime, which FastAPI writes without an offset: not an RFC 3339 date-time
  (response-body-invalid on every operation that returns a device).
- `create_device` builds the stored `Device` from `body.model_dump()`, where the `Json[...]` field `settings` is
  already parsed, so pydantic refuses it and a valid request that sends `settings` gets 500
  (probe-server-error, POST /devices).
- The 404 of an unknown device is documented without content and answered with FastAPI's `{"detail": ...}`
  (response-body-unexpected: DELETE's on a deleted device, GET, PATCH and POST /devices/{device_id}/firmware's on
  one the probe makes up).
"""
from datetime import date, datetime, time, timedelta
from enum import Enum, IntEnum
from ipaddress import IPv4Network, IPv6Interface
from typing import Annotated, Any, Literal, Optional, Union
from uuid import UUID

from fastapi import Body, FastAPI, File, Form, Header, HTTPException, Path, Query, Response, UploadFile
from pydantic import (AnyUrl, Base64Bytes, BaseModel, ConfigDict, Field, HttpUrl, IPvAnyAddress, IPvAnyInterface,
                      IPvAnyNetwork, Json, NameEmail, PositiveInt, conint, constr)
from pydantic.types import UUID1, UUID4, UUID5, ByteSize, PastDate

app = FastAPI(title="Inventory", version="1.4.0")


class Priority(IntEnum):
    low = 1
    normal = 5
    high = 9


class Kind(str, Enum):
    router = "router"
    switch = "switch"
    sensor = "sensor"


class Tag(BaseModel):
    key: constr(min_length=1, max_length=32, pattern=r"^[a-z][a-z0-9_]*$")
    value: str = ""


class Node(BaseModel):
    name: str
    children: list["Node"] = []


class Router(BaseModel):
    kind: Literal["router"]
    wan: IPvAnyInterface
    lan: IPv4Network
    upstream: Optional[IPvAnyAddress] = None


class Sensor(BaseModel):
    kind: Literal["sensor"]
    reading: float = Field(ge=-50, le=150, multiple_of=0.5)
    unit: Literal["C", "F"] = "C"
    sampled: time


class DeviceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    serial: UUID4
    batch: Optional[UUID1] = None
    label: Annotated[str, Field(min_length=3, max_length=40)]
    owner: NameEmail
    site: Optional[IPvAnyNetwork] = None
    v6: Optional[IPv6Interface] = None
    priority: Priority = Priority.normal
    spec: Annotated[Union[Router, Sensor], Field(discriminator="kind")]
    position: tuple[float, float]
    tags: list[Tag] = Field(default_factory=list, max_length=8)
    attributes: dict[str, Union[int, str, bool]] = {}
    manual: Optional[HttpUrl] = None
    firmware: Optional[Base64Bytes] = None
    settings: Optional[Json[dict[str, int]]] = None
    installed: Optional[PastDate] = None
    warranty: Optional[timedelta] = None
    capacity: Optional[ByteSize] = None
    topology: Optional[Node] = None
    ports: Annotated[int, Field(ge=1, le=64)] = 8


class Device(DeviceIn):
    model_config = ConfigDict(extra="ignore")
    id: PositiveInt
    created: datetime


DEVICES: dict[int, Device] = {}


@app.post("/devices", status_code=201, response_model=Device)
def create_device(body: DeviceIn, x_request_id: Annotated[Optional[UUID], Header()] = None):
    device = Device(**body.model_dump(), id=len(DEVICES) + 1, created=datetime(2026, 12, 7, 12, 0, 0))
    DEVICES[device.id] = device
    return device


@app.get("/devices", response_model=list[Device])
def list_devices(kind: Optional[Kind] = None, priority: Optional[Priority] = None,
                 since: Optional[date] = None, label: Annotated[Optional[str], Query(max_length=40)] = None,
                 page: Annotated[int, Query(ge=1)] = 1, sort: Literal["label", "-label", "created"] = "created"):
    return list(DEVICES.values())


@app.get("/devices/{device_id}", response_model=Device, responses={404: {"description": "No such device"}})
def get_device(device_id: Annotated[int, Path(ge=1)]):
    if device_id not in DEVICES:
        raise HTTPException(404, "No such device")
    return DEVICES[device_id]


@app.post("/devices/{device_id}/firmware", status_code=202, responses={404: {"description": "No such device"}})
async def upload_firmware(device_id: int, image: Annotated[bytes, File()], checksum: Annotated[str, Form(pattern=r"^[0-9a-f]{64}$")],
                          notes: Annotated[list[UploadFile], File()] = [], dry_run: Annotated[bool, Form()] = False):
    if device_id not in DEVICES:
        raise HTTPException(404, "No such device")
    return {"accepted": True, "bytes": len(image), "notes": len(notes)}


@app.patch("/devices/{device_id}", response_model=Device, responses={404: {"description": "No such device"}})
def patch_device(device_id: int, label: Annotated[Optional[str], Body(embed=True, min_length=3, max_length=40)] = None,
                 priority: Annotated[Optional[Priority], Body(embed=True)] = None):
    if device_id not in DEVICES:
        raise HTTPException(404, "No such device")
    d = DEVICES[device_id]
    if label is not None:
        d.label = label
    if priority is not None:
        d.priority = priority
    return d


@app.delete("/devices/{device_id}", status_code=204, responses={404: {"description": "No such device"}})
def delete_device(device_id: int):
    if DEVICES.pop(device_id, None) is None:
        raise HTTPException(404, "No such device")
    return Response(status_code=204)


@app.get("/search")
def search(q: Annotated[str, Query(min_length=2)], fields: Annotated[list[str], Query()] = [],
           near: Annotated[Optional[str], Query(pattern=r"^-?\d+(\.\d+)?,-?\d+(\.\d+)?$")] = None) -> dict[str, Any]:
    return {"q": q, "hits": []}
