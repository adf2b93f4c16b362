"""Routes: ``api_*`` modules answer JSON under /api/v1, ``pages_*`` render HTML."""

from __future__ import annotations

from fastapi import APIRouter

from herald.web.routes import (
    api_audit,
    api_directory,
    api_inbox,
    api_policy,
    api_posts,
    api_scan,
    ops,
    pages,
    pages_account,
    pages_advocacy,
    pages_approvals,
    pages_connections,
    pages_listening,
    pages_notifications,
    pages_passwords,
    pages_policy_document,
    pages_posts,
    pages_publishing,
    pages_settings,
    pages_signin,
    public,
)

ROUTERS: tuple[APIRouter, ...] = (
    public.router,
    ops.router,
    api_scan.router,
    api_posts.router,
    api_directory.router,
    api_policy.router,
    api_audit.router,
    api_inbox.router,
    pages.router,
    pages_policy_document.router,
    pages_advocacy.router,
    pages_signin.router,
    pages_passwords.router,
    pages_account.router,
    pages_posts.router,
    pages_approvals.router,
    pages_notifications.router,
    pages_listening.router,
    pages_settings.router,
    pages_connections.router,
    pages_publishing.router,
)
