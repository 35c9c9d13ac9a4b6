"""Heavy print jobs rendered in a child process come out as they do in place; a
child that dies is replaced, and nothing is lost."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from app.db import unit_of_work
from app.printing import jobs, printers
from app.printing.config import PrintingConfig
from app.printing.render_process import Renderer
from printers.errors import LayoutError
from tests.app.printing.conftest import add_order

CONFIG = PrintingConfig()


@pytest.fixture
def renderer() -> Iterator[Renderer]:
    r = Renderer().start()
    yield r
    r.close()


def queue(
    engine: Engine, order_id: int, document: str, language: str = "png", size: str = "100x150"
) -> int:
    """A pending job for the order on a printer of ``language`` and label ``size``."""
    name = f"{language}-{size}"
    if name not in {p.name for p in printers.list_printers(engine)}:
        printers.add_printer(engine, name=name, uri="preview", language=language, size=size)
    with unit_of_work(engine) as s:
        job = jobs.add_job(s, printers.by_name(s, name), document, order_id=order_id)
        s.flush()
        return job.id


def test_a_job_rendered_in_the_child_is_the_job_rendered_in_place(
    engine: Engine, renderer: Renderer
) -> None:
    job = queue(engine, add_order(engine, "#4001"), "slip")
    assert renderer.render_job(engine, job, "png", CONFIG) == jobs.render_job(engine, job, CONFIG)
    pids = renderer.child_pids()
    assert pids and os.getpid() not in pids  # it did run elsewhere


def test_labels_are_rendered_in_place(engine: Engine, renderer: Renderer) -> None:
    renderer.close()  # no child at all: a label must not need one
    job = queue(engine, add_order(engine, "#4002"), "waybill", "zpl")
    data = renderer.render_job(engine, job, "zpl", CONFIG)
    assert data.startswith(b"^XA") and b"#4002" in data


def test_a_job_that_cannot_be_laid_out_says_so_from_the_child(
    engine: Engine, renderer: Renderer
) -> None:
    job = queue(engine, add_order(engine, "#4003"), "waybill", size="50x30")
    with pytest.raises(LayoutError, match="larger label"):
        renderer.render_job(engine, job, "png", CONFIG)
    assert renderer.child_pids()  # the error came back; the child lives on


def test_a_child_that_dies_is_replaced_and_the_job_still_renders(
    engine: Engine, renderer: Renderer
) -> None:
    job = queue(engine, add_order(engine, "#4004"), "slip")
    expected = jobs.render_job(engine, job, CONFIG)
    assert renderer.render_job(engine, job, "png", CONFIG) == expected
    for pid in renderer.child_pids():
        os.kill(pid, 9)
    assert renderer.render_job(engine, job, "png", CONFIG) == expected  # in place, once
    assert renderer.render_job(engine, job, "png", CONFIG) == expected  # a new child
    assert renderer.child_pids()
