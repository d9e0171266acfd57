"""The loopback OpenID Connect provider (tests/oidc_provider) as a context manager, and a
person who signs in there: plain HTTP with a cookie jar, for the tests without a browser."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

from tests.oidc_provider.__main__ import PASSWORD, USERNAME
from tests.support import free_port

ROOT = Path(__file__).resolve().parent.parent
BOOT_SECONDS = 30


@dataclass
class LoopbackProvider:
    base: str
    data: Path

    @property
    def server_url(self) -> str:
        return f"{self.base}/o"

    def register(self, client_id: str, secret: str, *redirect_uris: str) -> None:
        """Register (or re-register) a client with its allowed callback addresses."""
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "tests.oidc_provider", "register", "--data", str(self.data),
             "--client-id", client_id, "--secret", secret, *redirect_uris],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr

    def app(self, provider_id: str, name: str, client_id: str, secret: str) -> dict:
        """Return the entry BYLINE_OIDC_PROVIDERS takes for this provider."""
        return {"id": provider_id, "name": name, "server_url": self.server_url,
                "client_id": client_id, "secret": secret}  # fmt: skip


@contextmanager
def loopback_oidc_provider(data: Path) -> Iterator[LoopbackProvider]:
    """Run the provider on a free loopback port until the block ends."""
    port = free_port()
    log = data / "idp.log"
    data.mkdir(parents=True, exist_ok=True)
    with log.open("w") as log_file:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "tests.oidc_provider", "serve", "--data", str(data),
             "--port", str(port)],
            cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
    provider = LoopbackProvider(f"http://127.0.0.1:{port}", data)
    try:
        deadline = time.monotonic() + BOOT_SECONDS
        while True:
            if process.poll() is not None:
                raise AssertionError(f"the OIDC provider exited:\n{log.read_text()}")
            try:
                found = requests.get(f"{provider.server_url}/.well-known/openid-configuration",
                                     timeout=2)  # fmt: skip
                if found.status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"the OIDC provider did not answer:\n{log.read_text()}")
            time.sleep(0.2)
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sign_in_at_provider(authorize_url: str, session: requests.Session | None = None,
                        username: str = USERNAME, password: str = PASSWORD) -> str:  # fmt: skip
    """Sign in at the provider as a person would; return the callback address it sends back."""
    session = session or requests.Session()
    answer = session.get(authorize_url, allow_redirects=False, timeout=10)
    if answer.status_code == 302 and "/login/" in answer.headers["Location"]:
        login_url = urljoin(authorize_url, answer.headers["Location"])
        page = session.get(login_url, timeout=10)
        form = BeautifulSoup(page.text, "html.parser").find("form", id="idp-login")
        fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
        fields.update(username=username, password=password)
        answer = session.post(login_url, data=fields, allow_redirects=False, timeout=10,
                              headers={"Referer": login_url})  # fmt: skip
        assert answer.status_code == 302, answer.text
        answer = session.get(urljoin(login_url, answer.headers["Location"]),
                             allow_redirects=False, timeout=10)  # fmt: skip
    assert answer.status_code == 302, answer.text[:2000]
    return answer.headers["Location"]
