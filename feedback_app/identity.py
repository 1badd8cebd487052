"""The service's own look and help lines, read from surveys/settings/service.toml.

The colours are served as a small generated stylesheet (the content security policy allows no
inline style), and checked for contrast when the app starts, so a service cannot choose a brand
colour that makes its own links unreadable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, send_from_directory

from feedback_app.config import PROJECT_ROOT, ConfigError
from surveys.service_settings import SETTINGS_FILE, settings_section

STATIC = PROJECT_ROOT / "static"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
AA_CONTRAST = 4.5
WHITE, BLACK_TEXT = "#ffffff", "#0b0c0c"

bp = Blueprint("identity", __name__)


@dataclass(frozen=True)
class HelpLine:
    text: str
    easy: str
    phone: str
    email: str = ""

    @property
    def dial(self) -> str:
        """The number for a tel: link: digits only."""
        return re.sub(r"\D", "", self.phone)


@dataclass(frozen=True)
class Identity:
    name: str
    short_name: str
    brand: str
    brand_dark: str
    brand_soft: str
    logo: str  # path under static/
    logo_alt: str
    phone: str = ""
    email: str = ""
    website: str = ""
    help_lines: tuple[tuple[str, tuple[HelpLine, ...]], ...] = ()

    def help_for(self, audience: str) -> tuple[HelpLine, ...]:
        """The help lines for a survey's audience: everyone's first, then the audience's own."""
        lines = dict(self.help_lines)
        return lines.get("everyone", ()) + lines.get(audience, ())

    def stylesheet(self) -> str:
        return (
            "/* Made from surveys/settings/service.toml: the service's own colours. */\n"
            f":root {{ --brand: {self.brand}; --brand-dark: {self.brand_dark}; "
            f"--brand-soft: {self.brand_soft}; }}\n"
        )


def load_identity(path: Path | None = None) -> Identity:
    """The [identity] and [help_lines] sections, checked; raises ConfigError naming the problem."""
    where = path or SETTINGS_FILE
    raw = settings_section("identity", path)
    colours = {
        key: str(raw.get(f"{key}_colour", default))
        for key, default in (
            ("brand", "#006b3f"),
            ("brand_dark", "#004d2c"),
            ("brand_soft", "#e6f2eb"),
        )
    }
    for key, colour in colours.items():
        if not HEX_COLOUR.match(colour):
            raise ConfigError(f"{where.name}: {key}_colour must look like #006b3f, not {colour!r}")
    for key, background, text in (
        ("brand", colours["brand"], WHITE),
        ("brand_dark", colours["brand_dark"], WHITE),
        ("brand_soft", colours["brand_soft"], colours["brand_dark"]),
    ):
        ratio = contrast(background, text)
        if ratio < AA_CONTRAST:
            raise ConfigError(
                f"{where.name}: {key}_colour {background} gives a contrast of {ratio:.1f}:1 "
                f"with {text}; choose one that gives at least {AA_CONTRAST}:1"
            )
    logo = str(raw.get("logo", "img/logo.svg"))
    if not (STATIC / logo).is_file():
        raise ConfigError(f"{where.name}: the logo file static/{logo} is missing")
    return Identity(
        name=str(raw.get("name", "Youth Justice Service")),
        short_name=str(raw.get("short_name", "YJS")),
        brand=colours["brand"],
        brand_dark=colours["brand_dark"],
        brand_soft=colours["brand_soft"],
        logo=logo,
        logo_alt=str(raw.get("logo_alt", "")),
        phone=str(raw.get("phone", "")),
        email=str(raw.get("email", "")),
        website=str(raw.get("website", "")),
        help_lines=_help_lines(where, settings_section("help_lines", path)),
    )


def _help_lines(where: Path, raw: dict) -> tuple[tuple[str, tuple[HelpLine, ...]], ...]:
    audiences = []
    for audience, lines in raw.items():
        made = []
        for number, line in enumerate(lines, start=1):
            if not str(line.get("text", "")).strip() or not str(line.get("phone", "")).strip():
                raise ConfigError(
                    f"{where.name}: help line {number} for {audience} needs 'text' and 'phone'"
                )
            text = str(line["text"]).strip()
            made.append(
                HelpLine(
                    text=text,
                    easy=str(line.get("easy", text)).strip(),
                    phone=str(line["phone"]).strip(),
                    email=str(line.get("email", "")).strip(),
                )
            )
        audiences.append((audience, tuple(made)))
    return tuple(audiences)


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def init_app(app: Flask) -> None:
    identity = load_identity()
    app.extensions["identity"] = identity
    app.config["SERVICE_NAME"] = identity.name
    app.jinja_env.globals["identity"] = identity
    app.register_blueprint(bp)


def current_identity() -> Identity:
    return current_app.extensions["identity"]


@bp.get("/theme.css")
def stylesheet():
    return Response(
        current_identity().stylesheet(),
        mimetype="text/css",
        headers={"Cache-Control": "public, max-age=3600"},
    )


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page says: answer with the logo."""
    logo = Path(current_identity().logo)
    response = send_from_directory(STATIC / logo.parent, logo.name, max_age=86400)
    return response
