"""Label and paper sizes, in millimetres."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSize:
    name: str
    width: float
    height: float

    @property
    def is_label(self) -> bool:
        return self.width <= 110


LABEL_100X150 = PageSize("100x150", 100, 150)  # 4 x 6 in
LABEL_100X180 = PageSize("100x180", 100, 180)  # Chinese e-waybill
LABEL_76X130 = PageSize("76x130", 76, 130)  # Chinese e-waybill, narrow
A4 = PageSize("a4", 210, 297)
LETTER = PageSize("letter", 215.9, 279.4)

PAGE_SIZES = {s.name: s for s in (LABEL_100X150, LABEL_100X180, LABEL_76X130, A4, LETTER)}


def page_size(name: str) -> PageSize:
    try:
        return PAGE_SIZES[name.lower()]
    except KeyError:
        known = ", ".join(PAGE_SIZES)
        raise ValueError(f"Unknown page size {name!r}; use one of {known}.") from None
