"""A stand-in for gunicorn's sync workers, for `bench/api.py` where gunicorn (the `production`
extra) is not installed: the WSGI application loaded once, then N forked workers each taking one
connection at a time from the shared listening socket and closing it after the answer, as a sync
worker does. The standard library's HTTP handling is slower than gunicorn's, and the bare view
pays for it too: compare shares of the bare view, not absolute figures, across servers.

    python bench/prefork.py PORT WORKERS
"""

import os
import signal
import sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class Server(WSGIServer):
    request_queue_size = 1024  # wrk opens up to 50 connections at once


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    port, workers = int(sys.argv[1]), int(sys.argv[2])
    from palermo.wsgi import application  # no database connection before the fork

    server = make_server(
        "127.0.0.1", port, application, server_class=Server, handler_class=QuietHandler
    )
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
            server.serve_forever()
            os._exit(0)
        children.append(pid)

    def stop(*_: object) -> None:
        for child in children:
            os.kill(child, signal.SIGTERM)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    for _ in children:
        os.wait()


if __name__ == "__main__":
    main()
