"""A long document's later pages read in a forked child give what one reader gives: the same
items in the same order, a failure where one reader would meet it, PDFium's abort as a
MemoryError; a reading stopped early leaves no child behind; the two share the memory cap."""

import faulthandler
import os
import resource
from pathlib import Path

import pytest
from ingestion.adapters.extractors.two_cores import SPLIT_FROM_PAGES, read_pages

PAGES = 4 * SPLIT_FROM_PAGES
pytestmark = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: nothing is forked")


def items(pages: range):
    for page in pages:
        yield from ((page, line, os.getpid()) for line in range(3))


def children() -> set[str]:
    return set(Path(f"/proc/self/task/{os.getpid()}/children").read_text().split())


def test_the_later_pages_come_from_a_child_after_the_earlier_ones():
    others = children()  # e.g. a document worker other tests started
    read = list(read_pages(PAGES, items))
    assert [item[:2] for item in read] == [item[:2] for item in items(range(PAGES))]
    readers = [pid for _, _, pid in read]
    assert readers[0] == os.getpid() and readers[-1] != os.getpid()
    assert children() == others


def test_a_failure_in_the_later_pages_comes_after_the_items_before_it():
    def failing(pages: range):
        for page in pages:
            if page == PAGES - 5:
                raise ValueError("a damaged page")
            yield page

    seen = []
    with pytest.raises(ValueError, match="a damaged page"):
        seen.extend(read_pages(PAGES, failing))
    assert seen == list(range(PAGES - 5))


def test_a_child_that_aborts_is_a_memory_error():
    def aborting(pages: range):
        for page in pages:
            if page == PAGES - 1:
                faulthandler.disable()  # pytest's would print the child's stack
                os.abort()  # as PDFium does when the cap refuses an allocation
            yield page

    others = children()
    with pytest.raises(MemoryError):
        list(read_pages(PAGES, aborting))
    assert children() == others


def test_a_reading_stopped_early_leaves_no_child():
    others = children()
    reading = read_pages(PAGES, items)
    next(reading)
    assert len(children() - others) == 1
    reading.close()
    assert children() == others


def test_the_two_readers_share_the_soft_memory_cap_and_it_comes_back():
    before = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (used + 8 * 2**30, before[1]))
    try:
        caps = {resource.getrlimit(resource.RLIMIT_AS)[0] for _ in read_pages(PAGES, items)}
        assert len(caps) == 1 and used + 3 * 2**30 < caps.pop() < used + 5 * 2**30
        assert resource.getrlimit(resource.RLIMIT_AS)[0] == used + 8 * 2**30
    finally:
        resource.setrlimit(resource.RLIMIT_AS, before)
