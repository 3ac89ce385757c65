"""The org server: ingest from developers' machines, reports, provenance lookup, web pages.

``aiprov.server.app.create_app(settings)`` builds the FastAPI app; this package's
``__init__`` imports nothing so that ``aiprov.server.wire`` stays cheap for the sync client.
"""
