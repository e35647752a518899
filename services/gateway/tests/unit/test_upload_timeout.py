"""Uploads wait as long as ingestion may take to read a document; other calls keep their
short timeout (a slow service is a clear 503, never a hang)."""

import asyncio

import pytest
from chassis.problems import Problem
from gateway.adapters.service_client import UPLOAD_TIMEOUT_SECONDS, HttpServiceClient

DOCUMENT_READ_LIMIT = 120  # ingestion's document worker gives up after this many seconds


@pytest.fixture
async def slow_service():
    """Answers every request 200, one second after it arrived."""
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        if b"chunked" in head.lower():
            await reader.readuntil(b"0\r\n\r\n")
        await asyncio.sleep(1.0)
        writer.write(b"HTTP/1.1 202 Accepted\r\ncontent-type: application/json\r\ncontent-length: 2\r\n"
                     b"connection: close\r\n\r\n{}")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.close()


async def test_an_upload_outlasts_the_short_timeout_of_other_calls(slow_service):
    client = HttpServiceClient("ingestion", slow_service, timeout=0.3, upload_timeout=5)

    async def body():
        yield b"--x\r\n"

    try:
        with pytest.raises(Problem) as timed_out:
            await client.call("GET", "/v1/transcripts/x", "token")
        assert (timed_out.value.status_code, timed_out.value.code) == (503, "service_timeout")
        upstream = await client.forward("POST", "/v1/transcripts/unpaired", "token", body(),
                                        {"content-type": "multipart/form-data; boundary=x"})
        assert upstream.status == 202
    finally:
        await client.close()


def test_the_default_upload_timeout_covers_reading_a_document_and_one_queued_before_it():
    assert UPLOAD_TIMEOUT_SECONDS >= 2 * DOCUMENT_READ_LIMIT
