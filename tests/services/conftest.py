"""Fixtures for the service tests."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from services.org_world import World, build_world


@pytest.fixture
def world(factory: sessionmaker[Session]) -> World:
    return build_world(factory)
