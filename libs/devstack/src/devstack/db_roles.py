"""Each service's own Postgres role on a local or test Postgres: its password, its
`<SERVICE>_DATABASE_URL`, and provisioning with the admin's URL (chassis.provision)."""

import asyncio
import functools
import hashlib
import hmac
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import make_url

SERVICES = ("ingestion", "analysis", "insights", "sharing", "gateway")


def role_name(service: str) -> str:
    return f"si_{service}"


def service_urls(admin_url: str, passwords: Mapping[str, str]) -> dict[str, str]:
    """`<SERVICE>_DATABASE_URL` for each service: the admin's server and database, the
    service's role."""
    base = make_url(admin_url)
    return {f"{service.upper()}_DATABASE_URL":
            base.set(username=role_name(service), password=password).render_as_string(hide_password=False)
            for service, password in passwords.items()}


def provision(admin_url: str, urls: Mapping[str, str]) -> None:
    """Create or update the roles named in `urls` (callers may be inside an event loop)."""
    from chassis.provision import provision as provision_roles
    from chassis.provision import roles_from_env

    roles = roles_from_env([name.removesuffix("_DATABASE_URL").lower() for name in urls], urls)
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, provision_roles(admin_url, roles)).result()


def derived_passwords(admin_url: str) -> dict[str, str]:
    """Passwords that follow from the admin's: every system on one test server agrees on
    them, so provisioning a new database never changes a role a running system uses."""
    secret = (make_url(admin_url).password or "").encode()
    return {service: hmac.new(secret, service.encode(), hashlib.sha256).hexdigest()[:32] for service in SERVICES}


@functools.cache
def provisioned_environment(admin_url: str) -> tuple[tuple[str, str], ...]:
    """Provision the services' roles in the admin URL's database once per process; their
    `<SERVICE>_DATABASE_URL`s (a tuple: cached)."""
    urls = service_urls(admin_url, derived_passwords(admin_url))
    provision(admin_url, urls)
    return tuple(urls.items())


def system_environment(admin_url: str) -> dict[str, str]:
    return dict(provisioned_environment(admin_url))
