"""The page's Content Security Policy: its own inline code allowed by hash, nothing loaded."""

from __future__ import annotations

import base64
import hashlib
import re

CSP_PLACEHOLDER = "<!-- argmap:csp -->"
_INLINE_ELEMENT = re.compile(r"<(script|style)>(.*?)</\1>", re.S)


def inline_hashes(html: str) -> dict[str, list[str]]:
    """CSP source expressions for every inline <script> and <style> element of our own output.

    Only attribute-less elements are executable code or CSS here; the JSON data block has a
    type and never runs. Our assets cannot contain a closing tag (see assets._inlinable).
    """
    hashes: dict[str, list[str]] = {"script": [], "style": []}
    for kind, body in _INLINE_ELEMENT.findall(html):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in hashes[kind]:
            hashes[kind].append(f"'sha256-{digest}'")
    return hashes


# Shared asset files (assets.py) are allowed by 'self', not by hash: a hash allows an external
# script only together with a Subresource Integrity attribute, and Chromium refuses
# <script integrity> on file:// pages (SRI needs CORS). 'self' matches the page's own folder
# tree both over http(s) and from disk (Chromium treats file: sources as 'self' for a file:
# page; tests/page/test_assets.py checks both). Inline code stays allowed by hash only.
SELF = "'self'"


def content_security_policy(html: str, shared: bool = False) -> str:
    """A policy that lets the page run its own inline code and load nothing at all.

    `shared`: the page also loads the shared script and style files from its own origin."""
    hashes = inline_hashes(html)
    extra = [SELF] if shared else []
    scripts = " ".join(extra + hashes["script"]) or "'none'"
    styles = " ".join(extra + hashes["style"]) or "'none'"
    return (
        "default-src 'none'; "
        f"script-src {scripts}; style-src {styles}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def with_csp(html: str, shared: bool = False) -> str:
    meta = (
        f'<meta http-equiv="Content-Security-Policy" '
        f'content="{content_security_policy(html, shared)}">'
    )
    return html.replace(CSP_PLACEHOLDER, meta, 1)
