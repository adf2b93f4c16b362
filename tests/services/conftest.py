"""Fixtures for the service tests."""

from __future__ import annotations

import pytest
from org_world import World, build_world
from sqlalchemy.orm import Session, sessionmaker


@pytest.fixture
def world(factory: sessionmaker[Session]) -> World:
    return build_world(factory)
