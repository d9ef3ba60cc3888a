import itertools, re, sys
from datetime import datetime, timezone
from flask import Flask, request, jsonify
app = Flask(__name__)
TOKEN = "st-0f8c2e7a91d4b635"
notes = {}
ids = itertools.count(1)
def err(status, message): return jsonify({"message": message}), status
def authorized():
    h = request.headers.get("Authorization", "")
    parts = h.split(" ", 1)
    return len(parts) == 2 and parts[0].lower() == "bearer" and parts[1].strip() == TOKEN
@app.route("/api/notes", methods=["GET", "POST"])
def collection():
    if not authorized(): return err(401, "a bearer token is required")
    if request.method == "GET":
        raw = request.args.get("limit")
        limit = 20
        if raw is not None:
            if not re.fullmatch(r"-?[0-9]+", raw): return err(400, "limit must be an integer")
            limit = int(raw)
            if not 1 <= limit <= 100: return err(400, "limit must be from 1 to 100")
        return jsonify(sorted(notes.values(), key=lambda n: n["createdAt"], reverse=True)[:limit]), 200
    if request.mimetype != "application/json": return err(400, "the body must be JSON")
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or set(body) != {"text"} or not isinstance(body["text"], str) or not 1 <= len(body["text"]) <= 500:
        return err(400, "the body must be {\"text\": a string of 1 to 500 characters}")
    note = {"id": f"n_{next(ids):x}", "text": body["text"], "createdAt": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    notes[note["id"]] = note
    return jsonify(note), 201
@app.route("/api/notes/<note_id>", methods=["GET"])
def item(note_id):
    if not authorized(): return err(401, "a bearer token is required")
    if not re.fullmatch(r"n_[0-9a-z]+", note_id): return err(400, "noteId must look like n_1a")
    if note_id not in notes: return err(404, "no such note")
    return jsonify(notes[note_id]), 200
@app.errorhandler(404)
def not_found(_): return err(404, "no such resource")
@app.errorhandler(405)
def not_allowed(error):
    response, status = err(405, "method not allowed")
    response.headers["Allow"] = ", ".join(sorted(error.valid_methods or []))
    return response, status
if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]))
