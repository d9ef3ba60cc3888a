"""A library API on Flask with flask-smorest and marshmallow, as flask-smorest users write them (`run.sh` probes it,
served by uvicorn's WSGI interface).

What the API does that its description does not say, which the probe must find and nothing else:
- `Decimal(as_string=True)` is described as a number by apispec and written as a string (response-body-invalid on
  the list, the create, and GET and PATCH /books/{book_id}, whose ids the create answered at `POST /books/`).
"""
import uuid
from datetime import datetime, timezone

from flask import Flask
from flask.views import MethodView
from flask_smorest import Api, Blueprint, abort
import marshmallow as ma
from marshmallow import validate


class AuthorSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=80))
    born = ma.fields.Date(allow_none=True)


class BookSchema(ma.Schema):
    id = ma.fields.UUID(dump_only=True)
    isbn = ma.fields.String(required=True, validate=validate.Regexp(r"^97[89]\d{10}$"))
    title = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    authors = ma.fields.List(ma.fields.Nested(AuthorSchema), required=True, validate=validate.Length(min=1))
    genre = ma.fields.String(validate=validate.OneOf(["fiction", "science", "history", "poetry"]))
    pages = ma.fields.Integer(validate=validate.Range(min=1, max=5000))
    price = ma.fields.Decimal(as_string=True, places=2)
    rating = ma.fields.Float(validate=validate.Range(min=0, max=5), allow_none=True)
    available = ma.fields.Boolean(load_default=True)
    tags = ma.fields.List(ma.fields.String(), load_default=list)
    website = ma.fields.URL(allow_none=True)
    contact = ma.fields.Email()
    added = ma.fields.DateTime(dump_only=True)
    notes = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())
    secret_code = ma.fields.String(load_only=True)


class BookQuerySchema(ma.Schema):
    genre = ma.fields.String(validate=validate.OneOf(["fiction", "science", "history", "poetry"]))
    author = ma.fields.String()
    min_pages = ma.fields.Integer(validate=validate.Range(min=1))
    available = ma.fields.Boolean()
    tag = ma.fields.List(ma.fields.String())


class BookPatchSchema(ma.Schema):
    title = ma.fields.String(validate=validate.Length(min=1, max=200))
    price = ma.fields.Decimal(as_string=True, places=2)
    available = ma.fields.Boolean()


app = Flask(__name__)
app.config.update(API_TITLE="Library", API_VERSION="1.0.0", OPENAPI_VERSION="3.0.3")
api = Api(app)
blp = Blueprint("books", __name__, url_prefix="/books", description="Books")
BOOKS = {}


@blp.route("/")
class Books(MethodView):
    @blp.arguments(BookQuerySchema, location="query")
    @blp.response(200, BookSchema(many=True))
    def get(self, args):
        return [b for b in BOOKS.values() if "genre" not in args or b.get("genre") == args["genre"]]

    @blp.arguments(BookSchema)
    @blp.response(201, BookSchema)
    def post(self, data):
        data["id"] = uuid.uuid4()
        data["added"] = datetime.now(timezone.utc)
        BOOKS[str(data["id"])] = data
        return data


@blp.route("/<uuid:book_id>")
class BookById(MethodView):
    @blp.response(200, BookSchema)
    def get(self, book_id):
        if str(book_id) not in BOOKS:
            abort(404, message="Book not found.")
        return BOOKS[str(book_id)]

    @blp.arguments(BookPatchSchema)
    @blp.response(200, BookSchema)
    def patch(self, data, book_id):
        if str(book_id) not in BOOKS:
            abort(404, message="Book not found.")
        BOOKS[str(book_id)].update(data)
        return BOOKS[str(book_id)]

    @blp.response(204)
    def delete(self, book_id):
        if BOOKS.pop(str(book_id), None) is None:
            abort(404, message="Book not found.")


api.register_blueprint(blp)

if __name__ == "__main__":
    import json
    with app.app_context():
        print(json.dumps(api.spec.to_dict(), indent=1))
