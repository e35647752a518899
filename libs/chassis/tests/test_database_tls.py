"""Postgres TLS from libpq's options (in the URL or the environment) reaches asyncpg as its
`ssl` argument, with libpq's meaning of each sslmode."""

import datetime
import ipaddress
import os
import pwd
import shutil
import ssl
import tempfile
from pathlib import Path

import pytest
from chassis.db import asyncpg_connect_args, make_engine
from chassis.settings import database_url_from_env
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from devstack import pg
from devstack.testing import PG_PASSWORD, PostgresServer

URL = "postgresql+asyncpg://si_analysis:pw@db.example:5432/session_insights"


def make_certificate(folder: Path, name: str = "db.example") -> tuple[Path, Path]:
    """A self-signed certificate (serves as its own CA) and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name),
                                                         x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / f"{name}.crt", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_a_url_without_tls_options_is_left_to_asyncpgs_default():
    url, args = asyncpg_connect_args(URL)
    assert url.render_as_string(hide_password=False) == URL
    assert args == {}


def test_disable_turns_tls_off_and_prefer_is_left_to_asyncpg():
    assert asyncpg_connect_args(URL + "?sslmode=disable")[1] == {"ssl": False}
    assert asyncpg_connect_args(URL + "?sslmode=prefer")[1] == {"ssl": "prefer"}


def test_require_encrypts_without_checking_the_certificate():
    url, args = asyncpg_connect_args(URL + "?sslmode=require&application_name=analysis")
    context = args["ssl"]
    assert isinstance(context, ssl.SSLContext)
    assert (context.verify_mode, context.check_hostname) == (ssl.CERT_NONE, False)
    # the TLS options leave the URL (SQLAlchemy would pass them to asyncpg as unknown keywords); others stay
    assert dict(url.query) == {"application_name": "analysis"}


def test_verify_full_checks_the_server_against_the_given_ca_and_host_name(tmp_path):
    ca, _ = make_certificate(tmp_path)
    context = asyncpg_connect_args(f"{URL}?sslmode=verify-full&sslrootcert={ca}")[1]["ssl"]
    assert (context.verify_mode, context.check_hostname) == (ssl.CERT_REQUIRED, True)
    assert [c["subject"] for c in context.get_ca_certs()] == [((("commonName", "db.example"),),)]


def test_verify_ca_checks_the_certificate_but_not_the_host_name(tmp_path):
    ca, _ = make_certificate(tmp_path)
    context = asyncpg_connect_args(f"{URL}?sslmode=verify-ca&sslrootcert={ca}")[1]["ssl"]
    assert (context.verify_mode, context.check_hostname) == (ssl.CERT_REQUIRED, False)


def test_a_client_certificate_is_loaded(tmp_path):
    cert, key = make_certificate(tmp_path, "si_analysis")
    context = asyncpg_connect_args(f"{URL}?sslmode=require&sslcert={cert}&sslkey={key}")[1]["ssl"]
    assert isinstance(context, ssl.SSLContext)  # load_cert_chain raised on a bad pair


def test_an_unknown_sslmode_is_refused_by_name():
    with pytest.raises(ValueError, match="sslmode must be one of disable, allow, prefer, require"):
        asyncpg_connect_args(URL + "?sslmode=strict")


def test_tls_settings_come_from_the_environment_per_service_or_for_all(monkeypatch, tmp_path):
    ca, _ = make_certificate(tmp_path)
    monkeypatch.setenv("ANALYSIS_DATABASE_URL", URL)
    monkeypatch.setenv("DATABASE_SSLMODE", "verify-full")
    monkeypatch.setenv("DATABASE_SSLROOTCERT", str(ca))
    monkeypatch.setenv("SHARING_DATABASE_URL", URL.replace("si_analysis", "si_sharing") + "?sslmode=require")
    monkeypatch.setenv("INSIGHTS_DATABASE_URL", URL.replace("si_analysis", "si_insights"))
    monkeypatch.setenv("INSIGHTS_DATABASE_SSLMODE", "disable")

    analysis = asyncpg_connect_args(database_url_from_env("analysis"))[1]["ssl"]
    assert analysis.check_hostname and analysis.get_ca_certs()
    # the URL's sslmode wins over the environment's (require: no host name check); the
    # environment's root certificate still applies (libpq's require verifies the CA when given one)
    sharing = asyncpg_connect_args(database_url_from_env("sharing"))[1]["ssl"]
    assert (sharing.verify_mode, sharing.check_hostname) == (ssl.CERT_REQUIRED, False)
    assert asyncpg_connect_args(database_url_from_env("insights"))[1] == {"ssl": False}


async def test_the_engine_hands_the_tls_setting_to_the_connection(database_url):
    """The test server speaks no TLS: `require` must fail to connect, `disable` must work."""
    plain = make_engine(database_url + "?sslmode=disable", pool_size=1)
    async with plain.connect() as conn:
        assert (await conn.exec_driver_sql("select 1")).scalar() == 1
    await plain.dispose()
    strict = make_engine(database_url + "?sslmode=require", pool_size=1)
    with pytest.raises(ConnectionError, match="rejected SSL upgrade"):
        async with strict.connect():
            pass
    await strict.dispose()


async def test_verify_full_reaches_a_tls_postgres_with_its_ca_and_refuses_another_ca(tmp_path):
    root = Path(tempfile.mkdtemp(prefix="si-pg-tls-"))
    root.chmod(0o755)
    server = PostgresServer(data=root / "data")
    try:
        pg.init_cluster(server.data, PG_PASSWORD)
        cert, key = make_certificate(server.data, "db.local")
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            for path in (cert, key):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        key.chmod(0o600)
        with (server.data / "postgresql.conf").open("a") as conf:
            conf.write(f"ssl = on\nssl_cert_file = '{cert}'\nssl_key_file = '{key}'\n")
        server.start()
        ca = tmp_path / "ca.crt"
        shutil.copy(cert, ca)

        engine = make_engine(f"{server.url('postgres')}?sslmode=verify-full&sslrootcert={ca}", pool_size=1)
        async with engine.connect() as conn:
            encrypted = await conn.exec_driver_sql("select ssl from pg_stat_ssl where pid = pg_backend_pid()")
            assert encrypted.scalar() is True
        await engine.dispose()

        stranger, _ = make_certificate(tmp_path, "someone.else")
        engine = make_engine(f"{server.url('postgres')}?sslmode=verify-full&sslrootcert={stranger}", pool_size=1)
        with pytest.raises(ssl.SSLCertVerificationError):
            async with engine.connect():
                pass
        await engine.dispose()
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
