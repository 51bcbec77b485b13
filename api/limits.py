"""Rate limiting: in memory on one machine, in Redis past one.

Only the public routes have limits (see api.rest.public). The limiter's request hooks
are attached to that blueprint alone, so the other routes do none of its per-request
bookkeeping (before, after and teardown of every request).
"""

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=[])


def init_app(app: Flask, blueprint: str) -> None:
    """Set the limiter up on ``app`` with its hooks running for ``blueprint`` only."""
    hook_lists = (
        app.before_request_funcs,
        app.after_request_funcs,
        app.teardown_request_funcs,
    )
    earlier = [list(hooks.get(None, ())) for hooks in hook_lists]
    limiter.init_app(app)
    for hooks, kept in zip(hook_lists, earlier, strict=True):
        added = [f for f in hooks.get(None, ()) if f not in kept]
        hooks[None] = kept
        hooks.setdefault(blueprint, []).extend(added)
