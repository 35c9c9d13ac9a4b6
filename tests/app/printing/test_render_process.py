"""Heavy documents rendered in a child process come out as they do in place; a child
that dies is replaced, and nothing is lost."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from app.printing import build
from app.printing.render_process import Renderer
from printers.documents import LABEL_100X150, Address, packing_slip, waybill
from printers.errors import LayoutError
from tests.printers import samples


@pytest.fixture
def renderer() -> Iterator[Renderer]:
    r = Renderer().start()
    yield r
    r.close()


def child_pids(r: Renderer) -> set[int]:
    pool = r._pool
    return set(pool._processes) if pool is not None and pool._processes else set()


def test_a_png_rendered_in_the_child_is_the_png_rendered_in_place(renderer: Renderer) -> None:
    doc = packing_slip(samples.slip_data(), LABEL_100X150)
    assert renderer(doc, "png", dpi=203) == build.render(doc, "png", dpi=203)
    pids = child_pids(renderer)
    assert pids and os.getpid() not in pids  # it did run elsewhere


def test_a_pdf_comes_back_whole(renderer: Renderer) -> None:
    data = renderer(packing_slip(samples.slip_data(lines=60)), "pdf")
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


def test_labels_are_rendered_in_place(renderer: Renderer) -> None:
    doc = waybill(samples.waybill_data(), LABEL_100X150)
    before = child_pids(renderer)
    assert renderer(doc, "zpl", dpi=203) == build.render(doc, "zpl", dpi=203)
    assert child_pids(renderer) == before


def test_a_document_that_cannot_be_laid_out_says_so_from_the_child(renderer: Renderer) -> None:
    recipient = Address(name="张伟", lines=("很长的地址" * 300,), city="上海市")
    doc = waybill(samples.waybill_data(recipient=recipient))
    with pytest.raises(LayoutError, match="收件 TO address does not fit"):
        renderer(doc, "png")
    assert child_pids(renderer)  # the error came back; the child lives on


def test_a_child_that_dies_is_replaced_and_the_job_still_renders(renderer: Renderer) -> None:
    doc = packing_slip(samples.slip_data(), LABEL_100X150)
    renderer(doc, "png")
    for pid in child_pids(renderer):
        os.kill(pid, 9)
    assert renderer(doc, "png") == build.render(doc, "png")  # in place, this once
    assert renderer(doc, "png") == build.render(doc, "png")  # a new child
    assert child_pids(renderer)


def test_after_close_everything_is_rendered_in_place() -> None:
    r = Renderer()
    r.close()
    doc = packing_slip(samples.slip_data(), LABEL_100X150)
    assert r(doc, "png") == build.render(doc, "png")
    assert r._pool is None
