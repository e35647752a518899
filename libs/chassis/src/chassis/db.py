import ssl

from sqlalchemy import URL, make_url, text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

# libpq's TLS options, as a managed Postgres hands them out in its connection string
TLS_PARAMS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword")
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def make_engine(url: str, pool_size: int = 10, **options) -> AsyncEngine:
    bare_url, connect_args = asyncpg_connect_args(url)
    return create_async_engine(bare_url, pool_size=pool_size, max_overflow=10, pool_pre_ping=True,
                               connect_args=connect_args, **options)


def asyncpg_connect_args(url: str | URL) -> tuple[URL, dict]:
    """The URL without libpq's TLS options, and asyncpg's `ssl` argument made of them
    (SQLAlchemy would hand them to asyncpg as keywords it does not know)."""
    parsed = make_url(url)
    tls = {name: parsed.query[name] for name in TLS_PARAMS if name in parsed.query}
    bare = parsed.difference_update_query(TLS_PARAMS)
    if not tls:
        return bare, {}
    return bare, {"ssl": tls_argument(**tls)}


def tls_argument(sslmode: str | None = None, sslrootcert: str | None = None, sslcert: str | None = None,
                 sslkey: str | None = None, sslpassword: str | None = None) -> ssl.SSLContext | str | bool:
    """libpq's meaning of sslmode: `require` encrypts, `verify-ca` also checks the server's
    certificate against sslrootcert (else the system's CAs), `verify-full` also its host name;
    `require` with a sslrootcert verifies the CA, as libpq does."""
    mode = sslmode or ("verify-full" if sslrootcert else "require" if sslcert else "prefer")
    if mode not in SSL_MODES:
        raise ValueError(f"sslmode must be one of {', '.join(SSL_MODES)}, not {mode!r}")
    if mode == "disable":
        return False
    if mode in ("allow", "prefer"):
        return mode  # asyncpg tries TLS and falls back to plain text, like libpq
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = mode == "verify-full"
    if sslrootcert:
        context.load_verify_locations(cafile=sslrootcert)
    elif mode == "require":
        context.verify_mode = ssl.CERT_NONE
    else:
        context.load_default_certs()
    if sslcert:
        context.load_cert_chain(sslcert, sslkey, sslpassword)
    return context


def make_sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: no implicit I/O on attribute access after a commit under async
    return async_sessionmaker(engine, expire_on_commit=False)


async def ping(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        await conn.execute(text("select 1"))
