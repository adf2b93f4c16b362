"""Fixtures for the service tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from connectors.fakes.stub_network import StubNetwork, serve
from services.org_world import World, build_world


@pytest.fixture
def world(factory: sessionmaker[Session]) -> World:
    return build_world(factory)


@pytest.fixture
def stub_network() -> Iterator[StubNetwork]:
    with serve() as network:
        yield network
