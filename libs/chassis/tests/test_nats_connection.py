"""What a service hands nats-py: its servers, its own user, TLS when configured, replicas."""

import datetime as dt
import ssl

import pytest
from chassis.messaging import make_broker, stream_config
from chassis.nats_connection import NatsSettings
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from faststream.nats.security import NatsUserPassword


def self_signed(tmp_path, name: str = "localhost") -> tuple[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / f"{name}.crt", tmp_path / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_file), str(key_file)


def test_each_service_reads_its_own_user_and_every_cluster_member(monkeypatch):
    monkeypatch.setenv("NATS_URL", "nats://10.0.0.1:4222, nats://10.0.0.2:4222,nats://10.0.0.3:4222")
    monkeypatch.setenv("ANALYSIS_NATS_USER", "analysis")
    monkeypatch.setenv("ANALYSIS_NATS_PASSWORD", "a-secret")
    monkeypatch.setenv("NATS_USER", "someone-else")
    monkeypatch.setenv("NATS_REPLICAS", "3")
    settings = NatsSettings.from_env("analysis")
    assert settings.servers == ["nats://10.0.0.1:4222", "nats://10.0.0.2:4222", "nats://10.0.0.3:4222"]
    assert (settings.user, settings.password, settings.replicas) == ("analysis", "a-secret", 3)
    assert NatsSettings.from_env("insights").user == "someone-else"  # the unprefixed one otherwise


def test_a_password_file_is_read_and_credentials_in_the_url_give_way_to_the_services_own(monkeypatch, tmp_path):
    (tmp_path / "pw").write_text("from-a-secret\n")
    monkeypatch.setenv("NATS_URL", "nats://admin:admin-pw@127.0.0.1:4222")
    monkeypatch.setenv("SHARING_NATS_USER", "sharing")
    monkeypatch.setenv("SHARING_NATS_PASSWORD_FILE", str(tmp_path / "pw"))
    settings = NatsSettings.from_env("sharing")
    assert settings.password == "from-a-secret"
    assert settings.servers == ["nats://127.0.0.1:4222"]  # nats-py would otherwise send admin's
    security = settings.security()
    assert isinstance(security, NatsUserPassword) and security.username == "sharing"
    assert security.ssl_context is None and not security.use_ssl


def test_without_a_user_the_url_is_used_as_given_and_no_security_is_set():
    settings = NatsSettings(url="nats://devstack:pw@127.0.0.1:4222")
    assert settings.servers == ["nats://devstack:pw@127.0.0.1:4222"] and settings.security() is None


def test_a_user_without_a_password_is_refused_at_start():
    with pytest.raises(ValueError, match="no password"):
        NatsSettings(user="analysis").security()


def test_replicas_out_of_jetstreams_range_are_refused(monkeypatch):
    monkeypatch.setenv("NATS_REPLICAS", "7")
    with pytest.raises(ValueError, match="1..5"):
        NatsSettings.from_env("analysis")


def test_tls_verifies_the_server_against_the_given_ca_and_presents_the_clients_certificate(tmp_path):
    ca_cert, _ = self_signed(tmp_path, "nats-ca")
    client_cert, client_key = self_signed(tmp_path, "analysis")
    settings = NatsSettings(user="analysis", password="pw", tls_ca=ca_cert, tls_cert=client_cert,
                            tls_key=client_key)
    context = settings.ssl_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert [c["subject"] for c in context.get_ca_certs()] == [((("commonName", "nats-ca"),),)]
    connect = make_broker(settings, "analysis")._connection_kwargs  # what nats-py's connect() gets
    assert isinstance(connect["tls"], ssl.SSLContext) and connect["tls"].verify_mode == ssl.CERT_REQUIRED
    assert len(connect["tls"].get_ca_certs()) == 1
    assert connect["user"] == "analysis" and connect["password"] == "pw"


def test_a_tls_url_alone_turns_tls_on_with_the_systems_cas():
    assert NatsSettings(url="tls://nats.example:4222").ssl_context().verify_mode == ssl.CERT_REQUIRED
    assert NatsSettings(url="nats://127.0.0.1:4222").ssl_context() is None


def test_streams_and_consumers_get_the_configured_replicas():
    broker = make_broker(NatsSettings(replicas=3), "analysis")
    assert broker.replicas == 3
    assert stream_config("ANALYSIS", ["insights.v1.analysis.>"], replicas=3).num_replicas == 3
    assert make_broker("nats://127.0.0.1:4222", "analysis").replicas == 1
