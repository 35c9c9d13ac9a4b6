"""A postal address as documents print it."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def _distinct_places(*places: str) -> list[str]:
    """Province and city once: a municipality is both (上海 and 上海市), so a place
    that names the same as the one before it is kept once, in its longer form."""
    kept: list[str] = []
    for place in (p.strip() for p in places):
        if not place:
            continue
        if kept and place.rstrip("省市") == kept[-1].rstrip("省市"):
            kept[-1] = max(kept[-1], place, key=len)
        else:
            kept.append(place)
    return kept


@dataclass(frozen=True)
class Address:
    name: str
    lines: tuple[str, ...] = ()
    city: str = ""
    postal_code: str = ""
    country: str = ""
    region: str = ""
    company: str = ""
    phone: str = ""

    @property
    def is_chinese(self) -> bool:
        return bool(_CJK.search(" ".join((*self.lines, self.city, self.region))))

    @property
    def is_empty(self) -> bool:
        return not (self.name.strip() and (any(x.strip() for x in self.lines) or self.city))

    def block(self) -> str:
        """The address below the name: Chinese order (region, city, street) or
        Western order (street, city and postal code, country), one item a line."""
        if self.is_chinese:
            country = self.country if self.country not in ("CN", "中国") else ""
            head = "".join(_distinct_places(country, self.region, self.city))
            street = " ".join(x.strip() for x in self.lines if x.strip())
            if head and street.startswith(head):
                head = ""  # the street line already starts with the province and city
            tail = f" {self.postal_code}" if self.postal_code else ""
            return f"{head}{street}{tail}".strip()
        parts = [x.strip() for x in self.lines if x.strip()]
        locality = " ".join(x for x in (self.postal_code, self.city, self.region) if x)
        if locality:
            parts.append(locality)
        if self.country:
            parts.append(self.country)
        return "\n".join(parts)

    def name_line(self) -> str:
        name = " ".join(x for x in (self.name.strip(), self.company.strip()) if x)
        return f"{name}  {self.phone}".strip() if self.phone else name
