"""QR code images for sources: PNG for printing and sharing, SVG for posters at any size."""

from __future__ import annotations

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.image.svg import SvgPathImage


def _qr(url: str) -> qrcode.QRCode:
    # Level M survives a scuffed or partly covered poster without making the code dense.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    _qr(url).make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(url: str) -> str:
    image = _qr(url).make_image(image_factory=SvgPathImage)
    return image.to_string(encoding="unicode")
