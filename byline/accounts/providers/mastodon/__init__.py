"""Log in with a Mastodon account on any server.

There is no single Mastodon: each server is its own OAuth provider. The reader names
their server; Byline registers itself there once (POST /api/v1/apps), keeps the client
as a SocialApp whose provider_id is the server's domain, and signs in with the
authorization code flow, state and PKCE. Only servers on the public internet are
contacted (instances.py), so the form cannot be used to make Byline call private hosts.
"""
