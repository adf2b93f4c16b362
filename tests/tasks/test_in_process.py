"""Without a broker, ``herald serve``'s scheduler thread publishes due posts by itself."""

from __future__ import annotations

import dataclasses

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from connectors.fakes.stub_network import StubNetwork, provider_for
from herald.store.enums import PostState
from herald.store.models import Post
from herald.tasks.config import TaskConfig
from herald.tasks.processes import in_process_scheduler
from herald.tasks.runtime import Runtime
from tasks import stub_world
from tasks.brokers import wait_for


def test_the_in_process_scheduler_publishes_due_posts(
    engine: Engine, factory: sessionmaker[Session], stub_network: StubNetwork
) -> None:
    world = stub_world.build(factory)
    (post_id,) = stub_world.approved_posts(factory, world, ["In process"])
    config = TaskConfig(database_url=str(engine.url), scheduler_interval=0.2)
    runtime = Runtime(config, engine, factory, provider_for(stub_network))
    thread, stop = in_process_scheduler(dataclasses.replace(runtime))

    def published() -> bool:
        with factory() as s:
            return s.get_one(Post, post_id).state == PostState.PUBLISHED

    try:
        wait_for(published, "the post to be published in-process")
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert sorted(stub_network.texts()) == ["In process", "In process"]
