"""The documents a counter prints, built from plain data into layouts:
waybills (shipping labels), packing slips, pick lists, the command sheet and the
carrier's handover manifest."""

from printers.documents.address import Address
from printers.documents.commands import CommandSheetData, command_sheet
from printers.documents.manifest import ManifestData, ManifestParcel, manifest
from printers.documents.picklist import PickItem, PickListData, pick_list
from printers.documents.sizes import (
    A4,
    LABEL_76X130,
    LABEL_100X150,
    LABEL_100X180,
    LETTER,
    PAGE_SIZES,
    PageSize,
)
from printers.documents.slip import SlipData, SlipLine, packing_slip
from printers.documents.waybill import WaybillData, waybill

__all__ = [
    "A4",
    "LABEL_76X130",
    "LABEL_100X150",
    "LABEL_100X180",
    "LETTER",
    "PAGE_SIZES",
    "Address",
    "CommandSheetData",
    "ManifestData",
    "ManifestParcel",
    "PageSize",
    "PickItem",
    "PickListData",
    "SlipData",
    "SlipLine",
    "WaybillData",
    "command_sheet",
    "manifest",
    "packing_slip",
    "pick_list",
    "waybill",
]
