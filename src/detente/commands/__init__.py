"""The CLI commands, one module per concern, registered by the root group in :mod:`detente.cli`.

``ingest``; ``documents`` (docs, show, delete, stats, search, duplicates); ``export``;
``evaluation`` (eval); ``actors`` (actors, actor); ``analysis`` (timeline, relations,
network, changes, brief); ``serve``.  ``common`` holds what they share: the context
object, the consoles and the one ``guard`` that turns library errors into one line.
"""
