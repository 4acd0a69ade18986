"""The HTTP layer (aiohttp): the only package that knows about HTTP.

`create_app(state)` builds the application; `ApiState` is what it needs from the service.
"""

from exporter.http.app import create_app
from exporter.http.state import ApiState, Check

__all__ = ["ApiState", "Check", "create_app"]
