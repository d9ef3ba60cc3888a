"""A projects and issues tracker API on Django Ninja, as Ninja users write them (`run.sh` probes it, with the
bearer token the app takes).

What the API does that its description does not say, which the probe must find and nothing else:
- Issues keep `updated_at` as a naive `datetime.now()`, written without an offset: not an RFC 3339 date-time
  (response-body-invalid, POST and GET /api/projects/{project_id}/issues, GET
  /api/projects/{project_id}/issues/{number} and PUT /api/projects/{project_id}/issues/{number}/state).
- POST /api/projects/{project_id}/reactions documents its form body by hand (`openapi_extra`, as the Ninja docs
  show for a body read from `request.POST`), `content` one of +1, -1, heart, rocket; the handler stores any
  `content` (probe-accepted-invalid).
- Ninja's `Schema` reads a value that is no object by its attributes, so a JSON string for the body passes (for
  `IssueIn`, `title` comes from `str.title`) (probe-accepted-invalid, POST /api/projects/{project_id}/issues and
  PATCH /api/projects/{project_id}).
- POST /api/projects/{project_id}/issues refuses a `due_date` in the past with a 400 that it does not document
  (probe-rejected-valid and response-status-undocumented: the body with every optional member has one).
"""
import datetime as dt
import enum
import uuid
from typing import List, Literal, Optional

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="not-secret",
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
    DATABASES={},
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    USE_TZ=True,
    NINJA_PAGINATION_PER_PAGE=20,
    NINJA_PAGINATION_MAX_LIMIT=100,
)
django.setup()

from django.urls import path  # noqa: E402
from ninja import (  # noqa: E402
    Field,
    File,
    Form,
    Header,
    NinjaAPI,
    Path,
    Query,
    Router,
    Schema,
    UploadedFile,
)
from ninja.pagination import LimitOffsetPagination, paginate  # noqa: E402
from ninja.security import APIKeyHeader, HttpBearer  # noqa: E402
from pydantic import EmailStr, HttpUrl  # noqa: E402


# ---------------------------------------------------------------- auth
class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        if token == "secret-token":
            return "bearer-user"
        return None


class ApiKey(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request, key):
        if key == "key-123":
            return "key-user"
        return None


# ---------------------------------------------------------------- schemas
class Visibility(str, enum.Enum):
    public = "public"
    private = "private"
    internal = "internal"


class Label(str, enum.Enum):
    bug = "bug"
    feature = "feature"
    docs = "docs"
    question = "question"


class Error(Schema):
    detail: str


class ProjectSettings(Schema):
    default_branch: str = Field("main", pattern=r"^[A-Za-z0-9._/-]{1,50}$")
    allow_forking: bool = True
    max_collaborators: Optional[int] = Field(None, ge=1, le=500)


class ProjectIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    slug: str = Field(..., pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)
    visibility: Visibility = Visibility.private
    description: Optional[str] = Field(None, max_length=500)
    homepage: Optional[HttpUrl] = None
    tags: List[str] = Field(default_factory=list, max_length=10)
    settings: ProjectSettings = Field(default_factory=ProjectSettings)


class ProjectPatch(Schema):
    name: Optional[str] = Field(None, min_length=1, max_length=100)
    visibility: Optional[Visibility] = None
    description: Optional[str] = Field(None, max_length=500)
    archived: Optional[bool] = None


class ProjectOut(Schema):
    id: uuid.UUID
    name: str
    slug: str
    visibility: Visibility
    description: Optional[str]
    homepage: Optional[str]
    tags: List[str]
    settings: ProjectSettings
    archived: bool
    open_issues: int
    created_at: dt.datetime


class ProjectFilters(Schema):
    visibility: Optional[Visibility] = None
    tag: List[str] = Field(default_factory=list)
    created_after: Optional[dt.date] = None
    q: Optional[str] = Field(None, min_length=2, max_length=50)


class IssueIn(Schema):
    title: str = Field(..., min_length=3, max_length=200)
    body: Optional[str] = None
    priority: int = Field(3, ge=1, le=5)
    labels: List[Label] = Field(default_factory=list)
    assignee: Optional[EmailStr] = None
    due_date: Optional[dt.date] = None
    estimate_hours: Optional[float] = Field(None, gt=0, le=1000)


class IssueOut(Schema):
    number: int
    project_id: uuid.UUID
    title: str
    body: Optional[str]
    state: Literal["open", "closed"]
    priority: int
    labels: List[Label]
    assignee: Optional[str]
    due_date: Optional[dt.date]
    estimate_hours: Optional[float]
    created_at: dt.datetime
    updated_at: dt.datetime


class IssueStateChange(Schema):
    state: Literal["open", "closed"]
    reason: Optional[Literal["completed", "not_planned", "duplicate"]] = None


class CommentOut(Schema):
    id: int
    issue_number: int
    author: str
    body: str
    notify: bool
    created_at: dt.datetime


class AttachmentOut(Schema):
    id: uuid.UUID
    filename: str
    content_type: Optional[str]
    size: int
    description: Optional[str]


class Health(Schema):
    status: Literal["ok"]
    version: str


# ---------------------------------------------------------------- store
PROJECTS: dict = {}
ISSUES: dict = {}  # (project_id, number) -> dict
COMMENTS: list = []
ATTACHMENTS: dict = {}


def now_utc():
    return dt.datetime.now(dt.timezone.utc)


def seed():
    pid = uuid.UUID("11111111-2222-4333-8444-555555555555")
    PROJECTS[pid] = dict(
        id=pid, name="Demo", slug="demo", visibility=Visibility.public, description=None,
        homepage=None, tags=["demo"], settings=ProjectSettings(), archived=False, created_at=now_utc(),
    )
    ISSUES[(pid, 1)] = dict(
        number=1, project_id=pid, title="First issue", body=None, state="open", priority=3,
        labels=[Label.bug], assignee=None, due_date=None, estimate_hours=None,
        created_at=now_utc(), updated_at=dt.datetime.now(),
    )


seed()


def project_out(p):
    return {**p, "homepage": str(p["homepage"]) if p["homepage"] else None,
            "open_issues": sum(1 for (pid, _), i in ISSUES.items() if pid == p["id"] and i["state"] == "open")}


# ---------------------------------------------------------------- API
api = NinjaAPI(
    title="Tracker API",
    version="1.0.0",
    description="Projects and issues",
    auth=[BearerAuth(), ApiKey()],
)

projects = Router(tags=["projects"])
issues = Router(tags=["issues"])


@api.get("/health", auth=None, response=Health, tags=["meta"])
def health(request):
    return {"status": "ok", "version": "1.0.0"}


@projects.post("", response={201: ProjectOut, 409: Error})
def create_project(request, payload: ProjectIn):
    if any(p["slug"] == payload.slug for p in PROJECTS.values()):
        return 409, {"detail": f"slug {payload.slug!r} is taken"}
    pid = uuid.uuid4()
    data = payload.dict()
    data["settings"] = payload.settings
    p = dict(id=pid, archived=False, created_at=now_utc(), **data)
    PROJECTS[pid] = p
    return 201, project_out(p)


@projects.get("", response=List[ProjectOut])
@paginate(LimitOffsetPagination)
def list_projects(request, filters: Query[ProjectFilters]):
    out = []
    for p in PROJECTS.values():
        if filters.visibility and p["visibility"] != filters.visibility:
            continue
        if filters.tag and not set(filters.tag) & set(p["tags"]):
            continue
        if filters.created_after and p["created_at"].date() < filters.created_after:
            continue
        if filters.q and filters.q.lower() not in p["name"].lower():
            continue
        out.append(project_out(p))
    return out


@projects.get("/{project_id}", response={200: ProjectOut, 404: Error})
def get_project(request, project_id: uuid.UUID):
    p = PROJECTS.get(project_id)
    if not p:
        return 404, {"detail": "project not found"}
    return project_out(p)


@projects.patch("/{project_id}", response={200: ProjectOut, 404: Error})
def update_project(request, project_id: uuid.UUID, payload: ProjectPatch):
    p = PROJECTS.get(project_id)
    if not p:
        return 404, {"detail": "project not found"}
    for k, v in payload.dict(exclude_unset=True).items():
        if v is not None:
            p[k] = v
    return project_out(p)


@projects.delete("/{project_id}", response={204: None, 404: Error})
def delete_project(request, project_id: uuid.UUID):
    if PROJECTS.pop(project_id, None) is None:
        return 404, {"detail": "project not found"}
    return 204, None


@projects.post("/{project_id}/attachments", response={201: AttachmentOut, 404: Error, 413: Error})
def upload_attachment(
    request,
    project_id: uuid.UUID,
    file: File[UploadedFile],
    description: Form[Optional[str]] = None,
):
    if project_id not in PROJECTS:
        return 404, {"detail": "project not found"}
    if file.size > 1_000_000:
        return 413, {"detail": "file too large"}
    aid = uuid.uuid4()
    a = dict(id=aid, filename=file.name, content_type=file.content_type, size=file.size, description=description)
    ATTACHMENTS[aid] = a
    return 201, a


@issues.post("/{project_id}/issues", response={201: IssueOut, 404: Error})
def create_issue(
    request,
    project_id: uuid.UUID,
    payload: IssueIn,
    x_request_id: Optional[uuid.UUID] = Header(None, alias="X-Request-Id"),
):
    if project_id not in PROJECTS:
        return 404, {"detail": "project not found"}
    if payload.due_date and payload.due_date < dt.date.today():
        return api.create_response(request, {"detail": "due_date is in the past"}, status=400)
    number = 1 + max([n for (pid, n) in ISSUES if pid == project_id], default=0)
    i = dict(number=number, project_id=project_id, state="open", created_at=now_utc(),
             updated_at=dt.datetime.now(),
             **payload.dict())
    ISSUES[(project_id, number)] = i
    return 201, i


@issues.get("/{project_id}/issues", response={200: List[IssueOut], 404: Error})
def list_issues(
    request,
    project_id: uuid.UUID,
    state: Literal["open", "closed", "all"] = "open",
    labels: List[Label] = Query(None),
    sort: Literal["created", "updated", "priority"] = "created",
    since: Optional[dt.datetime] = None,
    per_page: int = Query(30, ge=1, le=100),
    page: int = Query(1, ge=1),
):
    if project_id not in PROJECTS:
        return 404, {"detail": "project not found"}
    rows = [i for (pid, _), i in ISSUES.items() if pid == project_id]
    if state != "all":
        rows = [i for i in rows if i["state"] == state]
    if labels:
        rows = [i for i in rows if set(labels) & set(i["labels"])]
    if since:
        rows = [i for i in rows if i["created_at"] >= since]
    key = {"created": "created_at", "updated": "created_at", "priority": "priority"}[sort]
    rows.sort(key=lambda i: i[key])
    start = (page - 1) * per_page
    return rows[start:start + per_page]


@issues.get("/{project_id}/issues/{number}", response={200: IssueOut, 404: Error})
def get_issue(request, project_id: uuid.UUID, number: int = Path(..., ge=1)):
    i = ISSUES.get((project_id, number))
    if not i:
        return 404, {"detail": "issue not found"}
    return i


@issues.put("/{project_id}/issues/{number}/state", response={200: IssueOut, 404: Error})
def set_issue_state(request, project_id: uuid.UUID, number: int, payload: IssueStateChange):
    i = ISSUES.get((project_id, number))
    if not i:
        return 404, {"detail": "issue not found"}
    i["state"] = payload.state
    i["updated_at"] = dt.datetime.now()
    return i


@issues.post("/{project_id}/issues/{number}/comments", response={201: CommentOut, 404: Error})
def add_comment(
    request,
    project_id: uuid.UUID,
    number: int,
    author: str = Form(..., min_length=1, max_length=40),
    body: str = Form(..., min_length=1, max_length=2000),
    notify: Form[bool] = False,
):
    if (project_id, number) not in ISSUES:
        return 404, {"detail": "issue not found"}
    c = dict(id=len(COMMENTS) + 1, issue_number=number, author=author, body=body, notify=notify,
             created_at=now_utc())
    COMMENTS.append(c)
    return 201, c


class ReactionOut(Schema):
    content: str
    count: int


REACTIONS: dict = {}


@projects.post(
    "/{project_id}/reactions",
    response={201: ReactionOut, 404: Error},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "required": ["content"],
                        "properties": {
                            "content": {"type": "string", "enum": ["+1", "-1", "heart", "rocket"]},
                        },
                    }
                }
            },
        }
    },
)
def add_reaction(request, project_id: uuid.UUID):
    if project_id not in PROJECTS:
        return 404, {"detail": "project not found"}
    content = request.POST.get("content", "")
    REACTIONS[(project_id, content)] = REACTIONS.get((project_id, content), 0) + 1
    return 201, {"content": content, "count": REACTIONS[(project_id, content)]}


api.add_router("/projects", projects)
api.add_router("/projects", issues)

urlpatterns = [path("api/", api.urls)]

from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()
