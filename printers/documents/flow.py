"""Pages that fill from the top: each block asks for its height and goes on a new page
(with the page header repeated) when it does not fit; the footer numbers the pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from printers.errors import LayoutError
from printers.layout import Align, Document, Element, Page, Text

Block = Callable[[float], Sequence[Element]]  # y -> elements placed from y down
Header = Callable[[int], tuple[Sequence[Element], float]]  # page number -> elements, height


class Flow:
    def __init__(self, width: float, height: float, margin: float, header: Header) -> None:
        self.width = width
        self.height = height
        self.margin = margin
        self.header = header
        self.footer_height = 6.0
        self.pages: list[list[Element]] = []
        self.y = 0.0
        self._new_page()

    @property
    def bottom(self) -> float:
        return self.height - self.margin - self.footer_height

    def _new_page(self) -> None:
        elements, used = self.header(len(self.pages) + 1)
        self.pages.append(list(elements))
        self.y = self.margin + used

    def add(self, height: float, block: Block, what: str = "block") -> None:
        """Place a block ``height`` mm high at the cursor, on a fresh page if needed."""
        if self.y + height > self.bottom:
            if self.pages[-1] and self.y > self._first_y():
                self._new_page()
            if self.y + height > self.bottom:
                raise LayoutError(
                    f"{what} is {height:.0f} mm high and cannot fit on a "
                    f"{self.width:g} x {self.height:g} mm page; use a larger page."
                )
        self.pages[-1].extend(block(self.y))
        self.y += height

    def _first_y(self) -> float:
        _, used = self.header(len(self.pages))
        return self.margin + used

    def document(self, title: str, footer: str) -> Document:
        total = len(self.pages)
        pages = []
        for n, elements in enumerate(self.pages, start=1):
            foot = Text(
                self.margin,
                self.height - self.margin - 4,
                self.width - 2 * self.margin,
                f"{footer}  {n}/{total}",
                size=7,
                align=Align.RIGHT,
                name="footer",
            )
            pages.append(Page(self.width, self.height, (*elements, foot)))
        return Document(tuple(pages), title)
