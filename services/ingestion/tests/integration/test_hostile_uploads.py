"""The hostile-file corpus (tests/hostile_files.py) through the upload endpoint, with the real
FileTextExtractor behind it: each file gets its own problem+json code, nothing is stored or
announced, the spooled upload is gone, and the service's own peak memory grows by little (the
PDF bombs inflate to 2 GiB, but only in the document worker, whose address space is capped)."""

import os

import pytest
from chassis.identity import Identity
from chassis.problems import EXCEPTION_HANDLERS
from ingestion.adapters.extractors import FileTextExtractor
from ingestion.adapters.extractors.document_sandbox import DocumentSandbox
from ingestion.adapters.http import routes
from ingestion.domain.errors import DecompressionBomb, ExtractionTimeout
from ingestion.ports import Upload
from litestar import Litestar
from litestar.di import Provide
from litestar.testing import AsyncTestClient

from .. import hostile_files
from ..fakes import FakeUnitOfWork

MiB = 2**20


def peak_rss_since_reset() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))


def reset_peak_rss() -> None:
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


@pytest.fixture(scope="module")
def warm():
    FileTextExtractor.warm_up()


@pytest.fixture
async def service(warm, tmp_path):
    uow = FakeUnitOfWork()

    async def caller() -> Identity:
        return Identity(user_id="client-1")

    app = Litestar(route_handlers=routes(lambda: uow, lambda: "id-1", FileTextExtractor(), tmp_path),
                   dependencies={"caller": Provide(caller)}, exception_handlers=EXCEPTION_HANDLERS)
    async with AsyncTestClient(app, timeout=300) as client:
        yield client, uow, tmp_path


@pytest.mark.parametrize(("name", "filename", "build", "status", "code"), hostile_files.HOSTILE,
                         ids=[case[1] for case in hostile_files.HOSTILE])
async def test_each_hostile_file_is_refused_with_its_code_and_nothing_is_stored(service, name, filename, build,
                                                                                status, code):
    client, uow, spool = service
    data = build()
    reset_peak_rss()
    before = peak_rss_since_reset()
    response = await client.post("/v1/transcripts/unpaired", files={"transcript_file": (filename, data)})
    grown = peak_rss_since_reset() - before
    assert (response.status_code, response.json()["code"]) == (status, code), response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "\n" not in response.json()["detail"] and response.json()["detail"]
    assert uow.transcripts.rows == {} and uow.emitted == [] and uow.commits == 0
    assert list(spool.iterdir()) == []
    # the upload is read into memory once or twice (bytes, then text): 10 MB files need ~40 MB
    assert grown < 128 * MiB, f"the service's peak memory grew by {grown / MiB:.0f} MB refusing {name}"


def _extract(extractor: FileTextExtractor, tmp_path, filename: str, data: bytes):
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    return extractor.extract(Upload(path=path, filename=filename, content_type=None, size=len(data)))


@pytest.fixture(scope="module")
def small_sandbox():
    sandbox = DocumentSandbox(memory_bytes=256 * MiB, timeout_seconds=60)
    yield sandbox
    sandbox.close()


def test_a_pdf_bomb_past_the_content_check_ends_in_the_capped_worker_which_is_replaced(small_sandbox, tmp_path):
    extractor = FileTextExtractor(sandbox=small_sandbox)
    small_sandbox.start()
    started = small_sandbox.started
    with pytest.raises(DecompressionBomb, match="more than 256 MB of memory"):
        _extract(extractor, tmp_path, "bomb.pdf", hostile_files.pdf_xobject_bomb(512 * MiB))
    result = _extract(extractor, tmp_path, "session.pdf", (hostile_files.SAMPLES / "session.pdf").read_bytes())
    assert [turn.speaker for turn in result.turns[:2]] == ["Coach", "Client"]
    assert small_sandbox.started == started + 1  # a fresh worker after the bomb


def test_a_document_that_takes_too_long_is_refused_and_its_worker_killed(small_sandbox, tmp_path):
    small_sandbox.start()
    pid = small_sandbox.worker_pid()
    hurried = DocumentSandbox(memory_bytes=256 * MiB, timeout_seconds=0.0)
    hurried._worker, hurried.started = small_sandbox._worker, 1  # borrow the warm worker
    small_sandbox._worker = None
    with pytest.raises(ExtractionTimeout, match="longer than 0 s"):
        _extract(FileTextExtractor(sandbox=hurried), tmp_path, "slow.pdf", hostile_files.text_pdf())
    assert hurried.worker_pid() is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
