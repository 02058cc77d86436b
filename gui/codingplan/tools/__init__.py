"""The machinery that changes a coding tool's files safely, the same way for every tool.

``adapter.Adapter`` is what an integration implements; ``edits`` and ``changes`` preview,
apply and revert its file changes (with ``jsonc``, ``dotenv`` and ``yaml`` documents that keep
every byte they do not own); ``records`` keeps what was set and the backups; ``verify`` runs
a tool once. Nothing here knows any particular tool: those live in ``codingplan.integrations``.
Nothing here imports Qt; every slow call (files, subprocesses) is safe on a worker thread.
"""
