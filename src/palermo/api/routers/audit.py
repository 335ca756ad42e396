"""The audit trail, for auditors."""

from django.http import HttpRequest
from ninja import Router

from palermo.api.security import caller
from palermo.audit.access import audit_entries_visible_to
from palermo.audit.reads import fold_pending_reads

router = Router(tags=["audit"])


@router.get("/audit/", url_name="audit_trail")
def audit_trail(request: HttpRequest) -> dict[str, object]:
    visible = audit_entries_visible_to(caller(request))
    fold_pending_reads()  # the trail shows every read, including the ones not yet chained
    entries = visible.order_by("-sequence")[:200]
    rows = [
        {
            "sequence": e.sequence,
            "at": e.at.isoformat(),
            "actor": e.actor,
            "action": e.action,
            "object_type": e.object_type,
            "object_ref": e.object_ref,
        }
        for e in entries
    ]
    return {"entries": rows}
