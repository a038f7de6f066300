#!/usr/bin/python3
"""Prints an .xlsx as the xlsx fuzz target's parts input (fuzz_entries.hpp,
xlsx_of): the byte 0x01, then the first sheet, the shared strings, the
workbook and its relationships, separated by "\\n--part--\\n". A seed for
fuzzing the XML rather than the zip.   tests/fuzz/xlsx_parts.py FILE.xlsx"""
import sys
import zipfile

SEPARATOR = b"\n--part--\n"
with zipfile.ZipFile(sys.argv[1]) as book:
    names = book.namelist()

    def part(name):
        return book.read(name) if name in names else b""

    sheets = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    parts = [part(sheets[0]) if sheets else b"", part("xl/sharedStrings.xml"), part("xl/workbook.xml"),
             part("xl/_rels/workbook.xml.rels")]
seed = b"\x01" + SEPARATOR.join(parts)
if len(seed) > 1 << 20:
    sys.exit("parts over 1 MiB (a zip bomb?): not a seed")
sys.stdout.buffer.write(seed)
