"""Routes: ``api_*`` modules answer JSON under /api/v1, ``pages_*`` render HTML."""
