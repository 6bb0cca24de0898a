"""Error pages in the reader's language: Datasette's own error handler renders error.html without the
request, so without our `t()`; this one renders it like every other page."""

from __future__ import annotations

import traceback
from typing import Any

from datasette.utils.asgi import Base400, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup


def handle_exception(datasette: Any, request: Any, exception: BaseException) -> Any:
    if request is None or request.path.split("?")[0].endswith(".json"):
        return None  # Datasette answers JSON errors as JSON

    async def page() -> Response:
        title = None
        if isinstance(exception, Base400):
            status, message = exception.status, exception.args[0] if exception.args else ""
        elif isinstance(exception, DatasetteError):
            status, message, title = exception.status, exception.message, exception.title
            if exception.message_is_html:
                message = Markup(message)
        else:
            status, message = 500, str(exception)
            traceback.print_exception(exception)
        html = await datasette.render_template(
            ["error.html"], {"ok": False, "error": message, "status": status, "title": title}, request=request)
        return Response.html(html, status=status)

    return page
