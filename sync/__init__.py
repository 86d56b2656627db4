"""Provincial sync: outbox worker, connector (wire format, resumable uploads, status pull), sandbox server.

May import ``desk_app``; never imported by it.
"""
