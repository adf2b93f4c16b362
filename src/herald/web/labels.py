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
    "org.created": N_("Organisation created"),
    "person.added": N_("Person added"),
    "person.invited": N_("Person invited by e-mail"),
    "person.role_changed": N_("Role changed"),
    "person.activated": N_("Person reactivated"),
    "person.deactivated": N_("Person deactivated"),
    "team.created": N_("Team created"),
    "team.member_added": N_("Team member added"),
    "team.member_removed": N_("Team member removed"),
    "account.added": N_("Account added"),
    "account.granted": N_("Account permission granted"),
    "account.revoked": N_("Account permission revoked"),
    "workflow.set": N_("Approval workflow set"),
    "workflow.separation_of_duties": N_("Separation of duties in approvals changed"),
    "policy.activated": N_("Policy activated"),
    "policy.acknowledged": N_("Policy acknowledged"),
    "publication.published": N_("Published on the network"),
    "publication.failed": N_("Publishing failed"),
    "publication.retry_scheduled": N_("Publishing will be retried"),
    "publishing.locked": N_("Publishing locked down"),
    "publishing.unlocked": N_("Publishing lock-down lifted"),
    "connection.disconnected": N_("Network connection removed"),
    "connection.reconnected": N_("Network connection restored"),
    "inbox.case_opened": N_("Inbox case opened"),
    "inbox.case_updated": N_("Inbox case updated"),
    "inbox.case_assigned": N_("Inbox case assigned"),
    "inbox.case_status": N_("Inbox case status changed"),
    "inbox.case_note": N_("Note added to an inbox case"),
    "inbox.case_escalated": N_("Inbox case escalated"),
    "inbox.reply": N_("Reply sent from the inbox"),
    "advocacy.item_added": N_("Advocacy item added"),
    "advocacy.item_withdrawn": N_("Advocacy item withdrawn"),
    "advocacy.shared": N_("Shared by an employee"),
    "connection.tested": N_("Network connection tested"),
    "inbox.reply_approved": N_("Inbox reply approved"),
    "inbox.reply_failed": N_("Inbox reply could not be sent"),
    "inbox.reply_retry": N_("Inbox reply will be retried"),
    "inbox.reply_sent": N_("Inbox reply sent on the network"),
    "policy.quiz_submitted": N_("Policy quiz answered"),
    "inbox.reply_blocked": N_("Inbox reply blocked by the policy"),
    "inbox.unhidden": N_("Inbox message shown again"),
    "security.signed_in": N_("Signed in"),
    "security.password_set": N_("Password set"),
    "security.password_changed": N_("Password changed"),
    "security.password_reset_requested": N_("Password reset asked for"),
    "security.password_reset": N_("Password reset by e-mail link"),
    "security.invitation_accepted": N_("Invitation accepted"),
    "security.totp_enabled": N_("Two-factor sign-in turned on"),
    "security.two_factor_reset": N_("Two-factor sign-in reset by an administrator"),
    "security.sessions_revoked": N_("Every other session ended"),
    "security.two_factor_required": N_("Two-factor sign-in made compulsory"),
    "security.two_factor_optional": N_("Two-factor sign-in made optional"),
}

CLAUSE_TITLES = {
    title: title
    for title in (
        N_("2.1 Confidential company information"),
        N_("2.1 Confidential information"),
        N_("2.2 Personal data"),
        N_("2.3 Secrets and credentials"),
        N_("2.4 Defamatory, derogatory or inflammatory content"),
        N_("2.5 Content that implies illegal conduct"),
        N_("3.1 Brand voice"),
        N_("3.2 Product names"),
        N_("6.1 Personal accounts carry a disclaimer"),
        N_("6.2 No negative public remarks about the company"),
        N_("6.3 No negative remarks about other companies"),
        N_("6.4 No defamation"),
        N_("7.1 Sources are credited"),
        N_("7.3 Sponsorship is disclosed"),
        N_("7.4 Regulated claims"),
        N_("7.4 Regulated claims: finance"),
        N_("7.5 Regulated claims: health"),
        N_("8.2 Links and phishing"),
    )
}
"""The clause titles of the built-in packs and the demo pack, translated where shown; a
company's own clause titles are shown as written."""


def labeller(table: dict[str, str], gettext: Callable[[str], str]) -> Callable[[object], str]:
    def label(value: object) -> str:
        key = str(getattr(value, "value", value))
        message = table.get(key)
        return gettext(message) if message is not None else key

    return label
