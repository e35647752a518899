"""Three nats-server processes as one JetStream cluster on loopback: the same binary and
users as the single test server, each member with its own store, client and route ports and
server name. `url` lists every member (comma-separated, as NATS_URL takes it), so clients
and services fail over to the survivors when one is killed."""

import asyncio
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nats
import nats.errors
import nats.js.errors

from devstack import nats as nats_bin
from devstack.ports import free_ports
from devstack.testing import NatsServer


@dataclass
class NatsCluster:
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="si-nats-cluster-")))
    size: int = 3
    name: str = "si-test"
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    nodes: list[NatsServer] = field(init=False)

    def __post_init__(self) -> None:
        ports = free_ports(2 * self.size)
        client_ports, route_ports = ports[:self.size], ports[self.size:]
        self.nodes = [
            NatsServer(store=self.root / f"n{i + 1}", port=client_ports[i], secret=self.secret, name=f"n{i + 1}",
                       cluster=nats_bin.ClusterMembership(self.name, route_ports[i], tuple(route_ports)))
            for i in range(self.size)]

    @property
    def url(self) -> str:
        """The admin's URL of every member (see NatsServer.url)."""
        return ",".join(node.url for node in self.nodes)

    def node(self, server_name: str) -> NatsServer:
        return next(n for n in self.nodes if n.name == server_name)

    def alive(self) -> list[NatsServer]:
        return [n for n in self.nodes if n.process is not None and n.process.poll() is None]

    def start(self, timeout: float = 60) -> None:
        for node in self.nodes:
            node.store.mkdir(parents=True, exist_ok=True)
            node.start()
        asyncio.run(self.wait_for_meta_leader(timeout))

    async def wait_for_meta_leader(self, timeout: float) -> None:
        """JetStream answers only once the members have elected a meta leader."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                client = await nats.connect([n.url for n in self.alive()], connect_timeout=2, max_reconnect_attempts=1)
                try:
                    await client.jetstream().account_info()
                    return
                finally:
                    await client.close()
            except (nats.errors.Error, nats.js.errors.Error, OSError, asyncio.TimeoutError):
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.2)

    def stop(self) -> None:
        for node in self.nodes:
            try:
                node.stop()
            except Exception:  # a member that will not stop is killed
                node.kill()

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


async def stream_leader(url: str, stream: str, timeout: float = 2) -> str | None:
    """The server name leading `stream` (None while it has no leader)."""
    client = await nats.connect(url.split(","), connect_timeout=2, max_reconnect_attempts=1)
    try:
        info = await client.jetstream(timeout=timeout).stream_info(stream)
        return info.cluster.leader if info.cluster else None
    finally:
        await client.close()
