"""The model as plain data with exactly the field names of the YAML format (JSON export, page data)."""
from __future__ import annotations

from ..model import FORMAT_VERSION, ArgumentMap, Claim, Reason


def _present(pairs) -> dict:
    """Keep the fields that are set; defaults are left out as a map-maker would."""
    return {k: v for k, v in pairs if v not in (None, [], False) or k in ("premises",)}


def claim_to_dict(claim: Claim) -> dict:
    return _present([("id", claim.id), ("text", claim.text), ("quote", claim.quote),
                     ("kind", claim.kind), ("implicit", claim.implicit), ("group", claim.group),
                     ("tags", list(claim.tags)), ("note", claim.note)])


def reason_to_dict(reason: Reason) -> dict:
    return _present([("id", reason.id), ("conclusion", reason.conclusion),
                     ("premises", list(reason.premises)), ("type", reason.type),
                     ("label", reason.label), ("note", reason.note)])


def map_to_dict(amap: ArgumentMap) -> dict:
    data: dict = {"argmap": FORMAT_VERSION, "title": amap.title}
    if amap.source:
        s = amap.source
        data["source"] = _present([("title", s.title), ("date", s.date), ("text", s.text),
                                   ("url", s.url), ("author", s.author)])
    data["main"] = list(amap.main)
    if amap.groups:
        data["groups"] = [{"id": g.id, "title": g.title} for g in amap.groups.values()]
    data["claims"] = [claim_to_dict(c) for c in amap.claims.values()]
    data["reasons"] = [reason_to_dict(r) for r in amap.reasons.values()]
    return data
