"""NATS over TLS for real: a nats-server that requires TLS, with a certificate from a CA
made here; a service configured with that CA (NATS_TLS_CA) connects as its own user and
publishes; without the CA it is refused."""

import datetime as dt
import ipaddress
import ssl

import nats
import pytest
from chassis.messaging import ensure_streams, jetstream_publisher, make_broker
from chassis.nats_connection import NatsSettings
from contracts.subjects import ANALYSIS_COMPLETED_V1
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from devstack import nats_auth
from devstack.nats import ServerTls
from devstack.testing import NatsServer


def _pem_key(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def ca_and_server_cert(folder) -> tuple[str, str, str]:
    """(CA certificate, server certificate for 127.0.0.1, server key) as PEM files."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "session-insights test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=1))
          .not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "nats")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=1)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(_pem_key(key))
    return tuple(str(p) for p in paths)


@pytest.fixture
def tls_server(tmp_path):
    ca, cert, key = ca_and_server_cert(tmp_path)
    server = NatsServer(store=tmp_path / "nats", tls=ServerTls(cert=cert, key=key))
    server.start()
    yield server, ca
    server.stop()


def as_service(server: NatsServer, ca: str | None) -> NatsSettings:
    return NatsSettings(url=f"tls://127.0.0.1:{server.port}", user="analysis", tls_ca=ca,
                        password=nats_auth.password_for(server.secret, "analysis"))


async def test_a_service_with_the_servers_ca_connects_over_tls_and_publishes(tls_server):
    server, ca = tls_server
    broker = make_broker(as_service(server, ca), "analysis")
    await broker.connect()
    try:
        await ensure_streams(broker)
        seq = await jetstream_publisher(broker)(ANALYSIS_COMPLETED_V1, b"{}", "tls-event-1")
        assert seq == 1
        assert broker.config.connection_state.connection.connected_url.scheme == "tls"
    finally:
        await broker.stop()


async def test_without_the_ca_the_servers_certificate_is_refused(tls_server):
    server, _ = tls_server
    settings = as_service(server, None)  # the system's CAs do not know ours
    with pytest.raises(ssl.SSLCertVerificationError):
        client = await nats.connect(settings.servers, tls=settings.ssl_context(), user=settings.user,
                                    password=settings.password, max_reconnect_attempts=0, allow_reconnect=False,
                                    connect_timeout=3)
        await client.close()
