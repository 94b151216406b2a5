"""The floor: a bare python-socketio broadcast server, no Flask, no database.

It speaks just enough of the real server's shape that the same load generator measures both:
on ``note`` ``{"text"}`` it broadcasts ``ev`` ``{"seq", "type": "note.added", "data": {"note":
{"text"}}}`` to every connected client and acks ``{"ok": true}``. It runs in the same async mode
and WSGI server as ``facilitator serve`` (gevent's pywsgi with simple-websocket, or eventlet), with
the same ping settings, so the difference between the two is what the application adds.

    python bench/floor_server.py --port 5099 --async-mode gevent
"""

from __future__ import annotations

import argparse
import sys


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--async-mode", choices=("gevent", "eventlet"), default="gevent")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Patch for the async mode, then serve."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.async_mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    else:
        import eventlet

        eventlet.monkey_patch()

    import socketio

    sio = socketio.Server(
        async_mode=args.async_mode,
        cors_allowed_origins=[],
        ping_interval=10,
        ping_timeout=10,
        max_http_buffer_size=16384 * 4,
    )
    state = {"seq": 0}
    room = "all"

    @sio.on("connect")
    def connect(sid: str, environ: dict, auth: object = None) -> bool:
        """Everyone joins the one room."""
        del environ, auth
        sio.enter_room(sid, room)
        return True

    @sio.on("note")
    def note(sid: str, data: object = None) -> dict:
        """Broadcast the note to everyone, then ack."""
        del sid
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            return {"ok": False}
        state["seq"] += 1
        note = {"text": data["text"]}
        sio.emit("ev", {"seq": state["seq"], "type": "note.added", "data": {"note": note}}, to=room)
        return {"ok": True}

    app = socketio.WSGIApp(sio)
    print(f"floor server on http://{args.host}:{args.port} ({args.async_mode})", flush=True)
    if args.async_mode == "gevent":
        from gevent import pywsgi

        pywsgi.WSGIServer((args.host, args.port), app, log=None).serve_forever()
    else:
        import eventlet
        import eventlet.wsgi

        eventlet.wsgi.server(eventlet.listen((args.host, args.port)), app, log_output=False)


if __name__ == "__main__":
    main()
