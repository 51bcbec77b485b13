"""The ``postal-service`` command: init-db, seed-demo, serve, create-user, tokens."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import timedelta

from sqlalchemy import select

from postal_service import migrate
from postal_service.config import Settings
from postal_service.db import make_session_factory, utcnow
from postal_service.enums import Role
from postal_service.errors import PostalError
from postal_service.models import Agency, Courier, PostalPoint
from postal_service.services import auth
from postal_service.unit_of_work import UnitOfWork


def _uow(settings: Settings) -> UnitOfWork:
    return UnitOfWork(make_session_factory(settings.database_url))


def _lookup_id(
    uow: UnitOfWork, model: type[PostalPoint | Agency | Courier], code: str
) -> int:
    with uow:
        found = uow.session.scalar(select(model.id).where(model.code == code))
    if found is None:
        raise PostalError(f"No {model.__tablename__[:-1]} with code {code}")
    return int(found)


def cmd_init_db(args: argparse.Namespace, settings: Settings) -> None:
    """Create or upgrade the schema."""
    migrate.upgrade(settings.database_url)
    print(f"database ready: {settings.database_url.split('@')[-1]}")


def cmd_seed_demo(args: argparse.Namespace, settings: Settings) -> None:
    """Load the demo province (idempotent: does nothing if already seeded)."""
    from postal_service.seed import seed_demo

    migrate.upgrade(settings.database_url)
    summary = seed_demo(_uow(settings), settings, now=utcnow(), seed=args.seed)
    print(summary)


def cmd_create_user(args: argparse.Namespace, settings: Settings) -> None:
    """Create a user bound to a postal point, courier or agency as the role needs."""
    uow = _uow(settings)
    role = Role(args.role)
    password = args.password or os.environ.get("POSTAL_PASSWORD")
    if role is not Role.INTEGRATION and not password:
        password = getpass.getpass("Password: ")
    user_id = auth.create_user(
        uow,
        username=args.username,
        full_name=args.full_name or args.username,
        role=role,
        password=password,
        now=utcnow(),
        postal_point_id=_lookup_id(uow, PostalPoint, args.postal_point)
        if args.postal_point
        else None,
        courier_id=_lookup_id(uow, Courier, args.courier) if args.courier else None,
        agency_id=_lookup_id(uow, Agency, args.agency) if args.agency else None,
    )
    print(f"user {args.username} created (id {user_id}, role {role.value})")


def cmd_issue_token(args: argparse.Namespace, settings: Settings) -> None:
    """Print a long-lived token for a machine client such as the one-stop system."""
    issued = auth.issue_token(
        _uow(settings), args.username, now=utcnow(), ttl=timedelta(days=args.days)
    )
    print(issued.token)


def cmd_revoke_tokens(args: argparse.Namespace, settings: Settings) -> None:
    """Revoke every live token of a user."""
    n = auth.revoke_all_tokens(_uow(settings), args.username, now=utcnow())
    print(f"{n} token(s) revoked")


def cmd_scheduler(args: argparse.Namespace, settings: Settings) -> None:
    """Run the scheduled jobs in this process (one or two such processes in all)."""
    from postal_service import jobs

    migrate.upgrade(settings.database_url)
    jobs.main()


def cmd_serve(args: argparse.Namespace, settings: Settings) -> None:
    """Upgrade the schema, optionally seed the demo, and serve the API.

    On one machine the scheduler runs in this process too (``--no-scheduler`` when a
    separate ``postal-service scheduler`` process runs it).
    """
    from api import create_app
    from postal_service import jobs

    migrate.upgrade(settings.database_url)
    if args.demo:
        cmd_seed_demo(argparse.Namespace(seed=1), settings)
    app = create_app()
    if not args.no_scheduler:
        scheduler = jobs.build_scheduler(
            app.extensions["session_factory"], settings, background=True
        )
        scheduler.start()
    print(f"serving on http://{args.host}:{args.port}/docs")
    app.run(host=args.host, port=args.port, threaded=True, use_reloader=False)


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(prog="postal-service", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init-db", help="create or upgrade the schema").set_defaults(
        func=cmd_init_db
    )
    seed = sub.add_parser("seed-demo", help="load the demo province")
    seed.add_argument("--seed", type=int, default=1)
    seed.set_defaults(func=cmd_seed_demo)
    serve = sub.add_parser("serve", help="serve the API (and pages)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)
    serve.add_argument("--demo", action="store_true", help="seed demo data first")
    serve.add_argument(
        "--no-scheduler", action="store_true", help="jobs run in another process"
    )
    serve.set_defaults(func=cmd_serve)
    sub.add_parser("scheduler", help="run the scheduled jobs").set_defaults(
        func=cmd_scheduler
    )
    user = sub.add_parser("create-user", help="create a user")
    user.add_argument("--username", required=True)
    user.add_argument("--full-name")
    user.add_argument("--role", required=True, choices=[r.value for r in Role])
    user.add_argument("--password", help="or POSTAL_PASSWORD, or asked for")
    user.add_argument("--postal-point", help="postal point code (clerk)")
    user.add_argument("--courier", help="courier code (courier)")
    user.add_argument("--agency", help="agency code (agency officer)")
    user.set_defaults(func=cmd_create_user)
    token = sub.add_parser("issue-token", help="print a token for a machine client")
    token.add_argument("--username", required=True)
    token.add_argument("--days", type=int, default=365)
    token.set_defaults(func=cmd_issue_token)
    revoke = sub.add_parser("revoke-tokens", help="revoke all tokens of a user")
    revoke.add_argument("--username", required=True)
    revoke.set_defaults(func=cmd_revoke_tokens)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    try:
        args.func(args, Settings.from_env())
    except PostalError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
