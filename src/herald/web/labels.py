"""Names of stored values (roles, states, categories, severities) in the reader's language."""

from __future__ import annotations

from collections.abc import Callable

from herald.security.passwords import N_

ROLE_LABELS = {
    "owner": N_("Owner"),
    "admin": N_("Administrator"),
    "compliance_officer": N_("Compliance officer"),
    "approver": N_("Approver"),
    "publisher": N_("Publisher"),
    "contributor": N_("Contributor"),
    "agent": N_("Support agent"),
    "viewer": N_("Viewer"),
}

STATE_LABELS = {
    "draft": N_("Draft"),
    "in_review": N_("In review"),
    "changes_requested": N_("Changes requested"),
    "approved": N_("Approved"),
    "rejected": N_("Rejected"),
    "scheduled": N_("Scheduled"),
    "published": N_("Published"),
    "failed": N_("Failed"),
}

CATEGORY_LABELS = {
    "personal_data": N_("Personal data"),
    "confidential": N_("Confidential information"),
    "credentials": N_("Secrets and credentials"),
    "offensive": N_("Offensive content"),
    "illegal_conduct": N_("Illegal conduct"),
    "disclaimer": N_("Disclaimer"),
    "attribution": N_("Attribution"),
    "regulated_claim": N_("Regulated claim"),
    "risky_link": N_("Risky link"),
    "disparagement": N_("Disparagement"),
    "brand_voice": N_("Brand voice"),
}

SEVERITY_LABELS = {
    "block": N_("Blocks publishing"),
    "review": N_("Needs review"),
    "warn": N_("Warning"),
    "info": N_("Note"),
}

DECISION_LABELS = {
    "approve": N_("Approved"),
    "reject": N_("Rejected"),
    "request_changes": N_("Changes requested"),
}

CAPABILITY_LABELS = {
    "draft": N_("Draft posts"),
    "approve": N_("Approve posts"),
    "publish": N_("Publish posts"),
}

ACCOUNT_TYPE_LABELS = {
    "brand": N_("brand accounts"),
    "personal": N_("personal accounts"),
}

TEAM_LABELS = {
    "crisis-response": N_("Crisis response"),
    "message-approval": N_("Message approval"),
    "customer-service": N_("Customer service"),
    "pr-management": N_("PR management"),
    "social-engagement": N_("Social engagement"),
}


AUDIT_ACTION_LABELS = {
    "post.created": N_("Post written"),
    "post.edited": N_("Post edited"),
    "post.scanned": N_("Checked against the policy"),
    "post.state_changed": N_("State changed"),
    "post.decision": N_("Decision recorded"),
    "post.step_completed": N_("Approval step completed"),
    "post.finding_overridden": N_("Finding allowed with a reason"),
    "post.approvals_invalidated": N_("Approvals voided by a change"),
    "post.escalated": N_("Escalated to the backup approver"),
    "post.commented": N_("Comment added"),
}


def labeller(table: dict[str, str], gettext: Callable[[str], str]) -> Callable[[object], str]:
    def label(value: object) -> str:
        key = str(getattr(value, "value", value))
        message = table.get(key)
        return gettext(message) if message is not None else key

    return label
