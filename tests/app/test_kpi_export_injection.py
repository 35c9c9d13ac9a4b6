"""Exports that cannot execute: text a spreadsheet would run as a formula is kept as
text in CSV (behind a quote) and XLSX (a string cell, never a formula)."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from app import kpi_export

ATTACKS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "\tsneaky",
    "\rsneaky",
]


def test_csv_cells_that_would_be_formulas_are_kept_as_text() -> None:
    assert [kpi_export.csv_cell(a) for a in ATTACKS] == ["'" + a for a in ATTACKS]
    assert kpi_export.csv_cell("张伟") == "张伟"
    assert kpi_export.csv_cell(-2) == -2  # a number stays a number


def test_xlsx_cells_are_strings_never_formulas(tmp_path: Path, monkeypatch) -> None:
    rows = [("packer", "scans"), *((attack, 1) for attack in ATTACKS)]
    monkeypatch.setattr(kpi_export, "_sections", lambda _r, _p: [("Packers", rows)])
    path = kpi_export.write_xlsx(None, tmp_path / "k.xlsx")  # type: ignore[arg-type]
    sheet = load_workbook(path)["Packers"]
    cells = [sheet.cell(row=n, column=1) for n in range(2, len(ATTACKS) + 2)]
    assert [c.data_type for c in cells] == ["s"] * len(ATTACKS)
    assert cells[0].value == ATTACKS[0]
    out = kpi_export.write_csv(None, tmp_path / "k.csv")  # type: ignore[arg-type]
    with out.open(encoding="utf-8-sig", newline="") as f:
        written = [row[0] for row in csv.reader(f) if row and not row[0].startswith("#")]
    assert written[1:] == ["'" + a for a in ATTACKS]
