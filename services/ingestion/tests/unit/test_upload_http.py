"""The multipart upload routes over Litestar's test client (fakes behind them): the form is
parsed while streaming, the size limit holds without a Content-Length, codes are stable."""

import pytest
from chassis.identity import Identity
from chassis.problems import EXCEPTION_HANDLERS
from contracts.limits import MAX_UPLOAD_BYTES
from ingestion.adapters.http import routes
from litestar import Litestar
from litestar.di import Provide
from litestar.testing import AsyncTestClient

from ..fakes import FakeUnitOfWork
from ..plain_text_extractor import PlainTextExtractor

TEXT = b"Coach: What would you like to explore?\nClient: I will call my sister by Friday.\n"


@pytest.fixture
async def client_and_uow(tmp_path):
    uow = FakeUnitOfWork()

    async def caller() -> Identity:
        return Identity(user_id="client-1")

    app = Litestar(route_handlers=routes(lambda: uow, lambda: "id-1", PlainTextExtractor(), tmp_path),
                   dependencies={"caller": Provide(caller)}, exception_handlers=EXCEPTION_HANDLERS)
    async with AsyncTestClient(app) as client:
        yield client, uow, tmp_path


async def test_a_file_upload_is_accepted_and_the_spool_file_is_gone(client_and_uow):
    client, uow, spool = client_and_uow
    response = await client.post("/v1/transcripts/unpaired", files={"transcript_file": ("../x/a.txt", TEXT)},
                                 data={"session_title": "Week 3"})
    assert response.status_code == 202, response.text
    assert response.json()["status"] == "pending" and response.json()["session_title"] == "Week 3"
    assert uow.transcripts.rows["id-1"].source_filename == "a.txt"
    assert list(spool.iterdir()) == []


@pytest.mark.parametrize("lying", [False, True])
async def test_over_the_limit_is_413_file_too_large_even_with_a_lying_content_length(client_and_uow, lying):
    client, uow, spool = client_and_uow
    boundary = "b0undary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="transcript_file"; filename="big.txt"\r\n'
            f"Content-Type: text/plain\r\n\r\n").encode() + b"x" * (MAX_UPLOAD_BYTES + 1) + \
        f"\r\n--{boundary}--\r\n".encode()
    headers = {"content-type": f"multipart/form-data; boundary={boundary}"}
    if lying:  # counted while streaming, not believed
        headers["content-length"] = "1000"
    response = await client.post("/v1/transcripts/unpaired", content=body, headers=headers)
    assert response.status_code == 413 and response.json()["code"] == "file_too_large"
    assert uow.transcripts.rows == {} and list(spool.iterdir()) == []


@pytest.mark.parametrize("kwargs,status,code", [
    ({"data": {"session_title": "no file"}, "files": {"other": ("a.txt", TEXT)}}, 422, "missing_file"),
    ({"files": {"transcript_file": ("", b"")}}, 422, "missing_file"),
    ({"files": {"transcript_file": ("a.exe", b"MZ\x90\x00")}}, 415, "unsupported_file_type"),
    ({"files": {"transcript_file": ("a.txt", b"")}}, 422, "empty_file"),
    ({"files": {"transcript_file": ("a.txt", b"1 2 3 ... !!!")}}, 422, "no_words_found"),
    ({"files": {"transcript_file": ("a.txt", b"What brings you here?\nMy job, mostly.\n")}}, 422, "no_speakers_found"),
    ({"files": {"transcript_file": ("a.txt", TEXT)}, "data": {"session_date": "tomorrow"}}, 422,
     "invalid_session_date"),
    ({"json": {"transcript_text": "x"}}, 415, "unsupported_media_type"),
    ({"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data; boundary=x"}}, 400,
     "invalid_multipart"),
])
async def test_bad_uploads_get_their_code_and_store_nothing(client_and_uow, kwargs, status, code):
    client, uow, _ = client_and_uow
    response = await client.post("/v1/transcripts/unpaired", **kwargs)
    assert (response.status_code, response.json()["code"]) == (status, code), response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert uow.transcripts.rows == {} and uow.emitted == []


async def test_paired_upload_needs_the_relationship_id(client_and_uow):
    client, uow, _ = client_and_uow
    response = await client.post("/v1/transcripts", files={"transcript_file": ("a.txt", TEXT)})
    assert (response.status_code, response.json()["code"]) == (422, "invalid_field")
    response = await client.post("/v1/transcripts", files={"transcript_file": ("a.txt", TEXT)},
                                 data={"coaching_relationship_id": "rel-unknown"})
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert uow.transcripts.rows == {}


async def test_pasted_captions_that_mark_speaker_changes_but_name_no_one_are_refused_as_without_speakers(
        client_and_uow):
    client, uow, _ = client_and_uow
    captions = ("1\n00:00:01,000 --> 00:00:04,000\n>> What would you like to focus on today?\n\n"
                "2\n00:00:04,500 --> 00:00:08,000\n>> I keep saying yes to everything at work.\n")
    response = await client.post("/v1/transcripts/unpaired/from-text", json={"transcript_text": captions})
    assert (response.status_code, response.json()["code"]) == (422, "no_speakers_found"), response.text
    assert response.json()["detail"].startswith("no speakers found: start each turn with who is speaking")
    assert uow.transcripts.rows == {}
