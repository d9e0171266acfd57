"""Start the loopback OpenID Connect provider, or register a client with it (see __init__.py)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

USERNAME, PASSWORD = "rosa", "loopback-password"


def _setup(data: Path, issuer: str = "") -> None:
    os.environ["OIDC_PROVIDER_DATA"] = str(data)
    os.environ["OIDC_PROVIDER_ISSUER"] = issuer
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django

    django.setup()


def _make_key(data: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())  # fmt: skip
    (data / "rs256.pem").write_bytes(pem)


def serve(data: Path, port: int) -> None:
    data.mkdir(parents=True, exist_ok=True)
    if not (data / "rs256.pem").exists():
        _make_key(data)
    _setup(data, issuer=f"http://127.0.0.1:{port}/o")
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import WSGIServer, run
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", verbosity=0)
    if not User.objects.filter(username=USERNAME).exists():
        User.objects.create_user(USERNAME, "rosa@idp.test", PASSWORD,
                                 first_name="Rosa", last_name="Reader")  # fmt: skip
    run("127.0.0.1", port, get_wsgi_application(), threading=True, server_cls=WSGIServer)


def register(data: Path, client_id: str, secret: str, redirect_uris: list[str]) -> None:
    _setup(data)
    from oauth2_provider.models import Application

    Application.objects.update_or_create(
        client_id=client_id,
        defaults={
            "name": f"Byline under test ({client_id})",
            "client_secret": secret,
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": " ".join(redirect_uris),
            "algorithm": Application.RS256_ALGORITHM,
            "skip_authorization": True,
        },
    )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.oidc_provider")
    commands = parser.add_subparsers(dest="command", required=True)
    serving = commands.add_parser("serve")
    serving.add_argument("--data", type=Path, required=True)
    serving.add_argument("--port", type=int, required=True)
    registering = commands.add_parser("register")
    registering.add_argument("--data", type=Path, required=True)
    registering.add_argument("--client-id", required=True)
    registering.add_argument("--secret", required=True)
    registering.add_argument("redirect_uris", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve(args.data, args.port)
    else:
        register(args.data, args.client_id, args.secret, args.redirect_uris)


if __name__ == "__main__":
    main(sys.argv[1:])
