"""JWT verification: RS256 through a JWKS (issuer and audience required, key rotation, the key
set fetched off the event loop, failures cached briefly), HS256 locally, clock-skew leeway."""

import asyncio
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from chassis.identity import JwtVerifier
from chassis.problems import Problem
from cryptography.hazmat.primitives.asymmetric import rsa
from devstack.ports import free_port

SECRET = "identity-test-secret-0123456789abcdef"
ISSUER, AUDIENCE = "https://id.example", "session-insights"


class Jwks:
    """A JWKS endpoint the test can rotate, slow down or break."""

    def __init__(self) -> None:
        self.keys: dict[str, rsa.RSAPrivateKey] = {}
        self.fetches = 0
        self.delay = 0.0
        self.broken = False
        jwks = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's API
                jwks.fetches += 1
                time.sleep(jwks.delay)
                if jwks.broken:
                    self.send_response(500)
                    self.end_headers()
                    return
                public = [json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(k.public_key())) | {"kid": kid, "use": "sig"}
                          for kid, k in jwks.keys.items()]
                body = json.dumps({"keys": public}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/jwks"
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add_key(self, kid: str) -> None:
        self.keys[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def sign(self, kid: str, **claims) -> str:
        base = {"sub": "platform-user", "exp": int(time.time()) + 300, "iss": ISSUER, "aud": AUDIENCE}
        payload = {name: value for name, value in (base | claims).items() if value is not None}
        return jwt.encode(payload, self.keys[kid], algorithm="RS256", headers={"kid": kid})


@pytest.fixture
def jwks():
    server = Jwks()
    server.add_key("k1")
    yield server
    server.server.shutdown()


def verifier_for(jwks: Jwks, **options) -> JwtVerifier:
    return JwtVerifier(jwks_url=jwks.url, issuer=ISSUER, audience=AUDIENCE, **options)


async def refused(verifier: JwtVerifier, token: str) -> Problem:
    with pytest.raises(Problem) as caught:
        await verifier.verify(token)
    return caught.value


@pytest.mark.parametrize("missing", ["issuer", "audience"])
def test_a_jwks_without_issuer_or_audience_is_refused_at_start(jwks, missing):
    settings = {"issuer": ISSUER, "audience": AUDIENCE} | {missing: None}
    with pytest.raises(ValueError, match="JWT_ISSUER and JWT_AUDIENCE"):
        JwtVerifier(jwks_url=jwks.url, **settings)


async def test_rs256_with_issuer_audience_and_key_rotation(jwks):
    verifier = verifier_for(jwks, jwks_refresh_cooldown=0)
    assert (await verifier.verify(jwks.sign("k1"))).user_id == "platform-user"
    assert (await verifier.verify(jwks.sign("k1"))).user_id == "platform-user"
    assert jwks.fetches == 1  # cached
    jwks.add_key("k2")  # the provider rotates: an unknown kid makes the verifier refetch
    assert (await verifier.verify(jwks.sign("k2", sub="after-rotation"))).user_id == "after-rotation"
    assert jwks.fetches == 2
    for bad in (jwks.sign("k1", iss="https://evil.example"), jwks.sign("k1", aud="another-api"),
                jwks.sign("k1", exp=int(time.time()) - 120), jwks.sign("k1", iss=None), jwks.sign("k1", aud=None)):
        assert (await refused(verifier, bad)).status_code == 401


async def test_an_unknown_kid_refetches_at_most_once_per_cooldown(jwks):
    verifier = verifier_for(jwks, jwks_refresh_cooldown=60)
    await verifier.verify(jwks.sign("k1"))
    jwks.add_key("made-up")
    for _ in range(5):
        assert (await refused(verifier, jwks.sign("made-up"))).status_code == 401
    assert jwks.fetches == 1


async def test_small_clock_skew_is_tolerated():
    verifier = JwtVerifier(hs256_secret=SECRET)
    now = int(time.time())
    late = jwt.encode({"sub": "u", "exp": now - 10}, SECRET, algorithm="HS256")
    early = jwt.encode({"sub": "u", "exp": now + 300, "nbf": now + 10, "iat": now + 10}, SECRET, algorithm="HS256")
    assert (await verifier.verify(late)).user_id == "u"
    assert (await verifier.verify(early)).user_id == "u"
    expired = jwt.encode({"sub": "u", "exp": now - 120}, SECRET, algorithm="HS256")
    assert (await refused(verifier, expired)).code == "invalid_token"


async def test_the_key_set_is_fetched_without_blocking_the_event_loop(jwks):
    jwks.delay = 0.5
    verifier = verifier_for(jwks)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    task = asyncio.create_task(ticker())
    results = await asyncio.gather(*(verifier.verify(jwks.sign("k1")) for _ in range(5)))
    task.cancel()
    assert {r.user_id for r in results} == {"platform-user"}
    assert ticks >= 20, ticks  # the loop kept running while the key set was on its way
    assert jwks.fetches == 1  # five callers, one fetch


async def test_a_failing_key_set_is_a_503_and_the_failure_is_cached_briefly(jwks):
    jwks.broken = True
    verifier = verifier_for(jwks, jwks_failure_ttl=0.3)
    token = jwks.sign("k1")
    first = await refused(verifier, token)
    assert (first.status_code, first.code) == (503, "identity_provider_unavailable")
    for _ in range(10):
        assert (await refused(verifier, token)).status_code == 503
    assert jwks.fetches == 1  # no fetch per request while the provider is failing
    jwks.broken = False
    await asyncio.sleep(0.35)
    assert (await verifier.verify(token)).user_id == "platform-user"
    assert jwks.fetches == 2


async def test_hs256_tokens_are_refused_when_only_a_jwks_is_configured(jwks):
    verifier = verifier_for(jwks)
    forged = jwt.encode({"sub": "u", "exp": int(time.time()) + 60, "iss": ISSUER, "aud": AUDIENCE}, "a-guessed-secret-0123456789abcdef-xyz",
                        algorithm="HS256")
    assert (await refused(verifier, forged)).status_code == 401
