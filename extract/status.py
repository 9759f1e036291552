"""The status of a frame: the trigger's default, overridden by the cues between its agent and the trigger.

>>> read_status("give", None, ["planned"])
'planned'
>>> read_status("receive", None, ["requested", "delivered"])
'requested'
>>> read_status("give", None, ["planned", "negation"])
'denied'
>>> read_status("give", "planned", ["delivered"])
'planned'
"""
from __future__ import annotations

from geokg.graph import Status

FRAME_DEFAULT = {"give": Status.DELIVERED, "receive": Status.DELIVERED,
                 "request": Status.REQUESTED, "offer": Status.OFFERED, "contract": Status.PLANNED,
                 "won": Status.PLANNED}
# When cues disagree, the one that most changes what happened wins: "denied it would send" is a denial.
PRIORITY = ("denied", "cancelled", "requested", "offered", "planned", "delivered")


def read_status(frame: str, trigger_status: str | None, cues: list[str]) -> str:
    """Status from the frame, the trigger's own status ("pledged") and the cue words in its window."""
    cues = ["denied" if c == "negation" else c for c in cues]
    base = trigger_status or FRAME_DEFAULT[frame].value
    for status in PRIORITY:
        if status in cues:
            if status == "delivered" and (trigger_status is not None or frame == "contract"):
                return base  # "has promised", "has signed for": the perfect tense does not deliver a pledge
            # A request or offer frame keeps its status against weaker cues ("will offer" is still an offer).
            if base in ("requested", "offered") and PRIORITY.index(status) > PRIORITY.index(base):
                return base
            return status
    return base
