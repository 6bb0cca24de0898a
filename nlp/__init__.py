"""Pure functions on Vietnamese text and HTML: no Scrapy, no SQLite, no network."""

import logging

# Importing underthesea adds a handler to the root logger, which would echo every crawl log
# line to stderr; a library must leave logging to the application, so undo it here, once.
_root_handlers = list(logging.getLogger().handlers)
import underthesea  # noqa: E402, F401

logging.getLogger().handlers[:] = _root_handlers
