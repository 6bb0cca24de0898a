"""The plugin's pages, one module per page; `common` holds what they share (reading, rendering).

Every page reads the archive through Datasette's read-only connections and renders a template
extending Datasette's base.html; every text from the archive or the request is HTML-escaped.
"""
