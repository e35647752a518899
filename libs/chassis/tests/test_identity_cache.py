"""A token verified once is trusted for a short while, never past its expiry (plus leeway),
and never in place of another token naming the same user."""

import asyncio
import time

import jwt
import pytest
from chassis.identity import JwtVerifier
from chassis.problems import Problem

SECRET = "identity-cache-secret-0123456789abcdef"


async def test_a_verified_token_still_expires_on_time():
    verifier = JwtVerifier(hs256_secret=SECRET, leeway=0)
    token = jwt.encode({"sub": "u", "exp": int(time.time()) + 2}, SECRET, algorithm="HS256")
    assert (await verifier.verify(token)).user_id == "u"
    assert (await verifier.verify(token)).user_id == "u"
    await asyncio.sleep(3.1)
    with pytest.raises(Problem) as refused:
        await verifier.verify(token)
    assert refused.value.code == "invalid_token"


async def test_trusting_one_token_does_not_trust_a_forged_one_for_the_same_user():
    verifier = JwtVerifier(hs256_secret=SECRET)
    exp = int(time.time()) + 300
    assert (await verifier.verify(jwt.encode({"sub": "u", "exp": exp}, SECRET, algorithm="HS256"))).user_id == "u"
    forged = jwt.encode({"sub": "u", "exp": exp}, "another-secret-0123456789abcdef-xyz", algorithm="HS256")
    with pytest.raises(Problem) as refused:
        await verifier.verify(forged)
    assert refused.value.code == "invalid_token"
