"""connexion's mock (MockResolver, responses validated) as an ASGI app, for uvicorn with several workers.

The description is named by MOCK_SPEC. Used by compare-mock.sh.
"""
import os

from connexion import AsyncApp
from connexion.mock import MockResolver

app = AsyncApp(__name__)
app.add_api(os.environ["MOCK_SPEC"], resolver=MockResolver(mock_all=True), validate_responses=True, strict_validation=True)
