"""POST /api/v1/inbox/webhook/{connection_id}: signed webhook deliveries into the inbox."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request

from herald.security.secrets_box import SecretsBox
from herald.services import inbox_webhook
from herald.web.errors import ERROR_RESPONSES, ApiError
from herald.web.workspace import Workspace

router = APIRouter(prefix="/api/v1/inbox", tags=["inbox"], responses=ERROR_RESPONSES)


@router.post("/webhook/{connection_id}", summary="Receive a signed webhook delivery")
async def webhook(connection_id: int, request: Request) -> dict[str, Any]:
    body = await request.body()  # bounded by the app's body limit (HERALD_MAX_BODY_BYTES)
    workspace: Workspace = request.app.state.workspace
    box = SecretsBox(request.app.state.settings.credential_keys)
    try:
        delivery = inbox_webhook.receive(
            workspace.sessions,
            box,
            connection_id,
            timestamp=request.headers.get("x-herald-timestamp"),
            signature=request.headers.get("x-herald-signature"),
            body=body,
            now=time.time(),
        )
    except inbox_webhook.WebhookRefusedError as refused:
        raise ApiError(
            refused.status, refused.code, refused.message, problems=refused.problems
        ) from None
    return {
        "accepted": delivery.accepted,
        "duplicates": delivery.duplicates,
        "classified": delivery.classified,
        "pending": delivery.pending,
    }
