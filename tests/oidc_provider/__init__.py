"""A real OpenID Connect provider for the sign-in tests, run on loopback in its own process.

It is django-oauth-toolkit with OIDC on, in a tiny Django project of its own (its own
SQLite file, its own RS256 key made at start, its own cookie names so it never mixes
with Byline's cookies on 127.0.0.1). PKCE is required, codes are single-use, and the
ID token is signed: Byline's allauth client talks to it exactly as to any provider.

    python -m tests.oidc_provider serve --data DIR --port PORT
    python -m tests.oidc_provider register --data DIR --client-id ID --secret S URI...
"""
