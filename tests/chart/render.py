#!/usr/bin/env python3
"""make chart-render: each SVG given is well-formed XML (xmllint --noout)
and renders to a picture that is not blank: rsvg-convert draws it as a
PNG, decoded here with the standard library, and the picture must have
ink (pixels away from the white background) in the plot and the first
org's colour (#0072B2) in enough pixels to be a drawn line or bars.

Usage: render.py OUTDIR FILE.svg...
"""
import os
import struct
import subprocess
import sys
import zlib

FIRST_COLOUR = (0x00, 0x72, 0xB2)
# The first org's band of ranges: its colour at 18% over white.
BAND_COLOUR = tuple(round(255 - 0.18 * (255 - c)) for c in FIRST_COLOUR)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def png_pixels(data):
    """(width, height, bytes per pixel, the rows' bytes) of an 8-bit,
    non-interlaced RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = \
                struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0
            bpp = 4 if ctype == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, rows, prev = zlib.decompress(idat), [], bytearray(width * bpp)
    stride = width * bpp + 1
    for y in range(height):
        kind, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (0, a, b, (a + b) // 2, paeth(a, b, c))[kind]) & 0xFF
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def near(pixel, colour):
    return all(abs(v - w) <= 6 for v, w in zip(pixel, colour))


def census(path):
    """Pixels with ink, in the first org's colour, and in its band's."""
    width, height, bpp, rows = png_pixels(open(path, "rb").read())
    ink = first = band = 0
    for line in rows:
        for x in range(width):
            r, g, b = line[x * bpp:x * bpp + 3]
            if bpp == 4 and line[x * bpp + 3] < 128:
                continue
            if max(255 - r, 255 - g, 255 - b) > 24:
                ink += 1
            if all(abs(v - w) <= 24 for v, w in zip((r, g, b), FIRST_COLOUR)):
                first += 1
            band += near((r, g, b), BAND_COLOUR)
    return width * height, ink, first, band


def main():
    out, svgs, bad = sys.argv[1], sys.argv[2:], 0
    for svg in svgs:
        subprocess.run(["xmllint", "--noout", svg], check=True)
        png = os.path.join(out, os.path.basename(svg) + ".png")
        subprocess.run(["rsvg-convert", "-o", png, svg], check=True)
        total, ink, first, band = census(png)
        ok = ink >= total // 100 and first >= 100
        # a chart of ranges (named so) shows its band
        ranged = "range" in os.path.basename(svg)
        if ranged:
            ok = ok and band >= 1000
        bad += not ok
        print("  CHART  %s: well-formed; %d of %d pixels inked, %d in the "
              "first colour%s%s" % (os.path.basename(svg), ink, total, first,
                                    ", %d in its band" % band if ranged else "",
                                    "" if ok else ": BLANK?"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
