"""Page handlers. Pages carry no user data: the browser keeps the bearer token in
sessionStorage and the page's JS fetches everything from the JSON API with it.

CSRF: the API only accepts `Authorization: Bearer`, which a browser never attaches on its
own, so a cross-site page cannot act as the user. Sign-in insists on a JSON body, which a
cross-site form cannot send without a CORS preflight the gateway refuses, so no one can
sign a visitor in as someone else either. XSS is what would expose the token, hence
autoescaped templates, textContent-only JS and a strict CSP without inline scripts.
"""

import time
from pathlib import Path

import jwt
import msgspec
from chassis.problems import Problem
from jinja2 import Environment, PackageLoader, select_autoescape
from litestar import Request, Response, get, post
from litestar.static_files import create_static_files_router

from gateway.adapters.dashboard.config import DashboardConfig
from gateway.adapters.rate_limits import RateLimits

TOKEN_TTL_SECONDS = 8 * 3600
_templates = Environment(loader=PackageLoader("gateway.adapters.dashboard", "templates"),
                         autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)


class SignInRequest(msgspec.Struct, kw_only=True):
    user_id: str


def _page(name: str, **context: object) -> Response:
    html = _templates.get_template(name).render(**context)
    return Response(html, media_type="text/html", headers={"cache-control": "no-store"})


def dashboard_routes(config: DashboardConfig, limits: RateLimits | None = None) -> list:
    """`limits`: sign-in attempts spend the client address's budget."""
    users = {user.user_id: user for user in config.demo_users}
    page_config = {"local": config.local_secret is not None,
                   "users": [{"id": u.user_id, "name": u.name, "role": u.role} for u in config.demo_users]}

    @get("/", include_in_schema=False)
    async def home() -> Response:
        return _page("app.html", page_config=page_config)

    @get("/sign-in", include_in_schema=False)
    async def sign_in_page() -> Response:
        return _page("sign_in.html", local=config.local_secret is not None, users=config.demo_users)

    @post("/dashboard/sign-in", include_in_schema=False, status_code=200)
    async def sign_in(request: Request) -> dict:
        if config.local_secret is None:
            raise Problem(404, "not_found", "Local sign-in is off: sign in through the platform.")
        if limits is not None:
            await limits.spend_anonymous(request)
        if not request.headers.get("content-type", "").startswith("application/json"):
            raise Problem(415, "unsupported_media_type", "Send the sign-in as application/json.")
        try:
            data = msgspec.json.decode(await request.body(), type=SignInRequest)
        except msgspec.DecodeError as exc:  # bad JSON or wrong shape
            raise Problem(422, "invalid_input", str(exc)) from None
        user = users.get(data.user_id)
        if user is None:
            raise Problem(404, "unknown_user", "That is not one of the demo users.")
        now = int(time.time())
        token = jwt.encode({"sub": user.user_id, "name": user.name, "iat": now, "exp": now + TOKEN_TTL_SECONDS},
                           config.local_secret, algorithm="HS256")
        return {"token": token, "user_id": user.user_id, "name": user.name, "role": user.role,
                "expires_in": TOKEN_TTL_SECONDS}

    static = create_static_files_router("/dashboard/static", directories=[Path(__file__).parent / "static"],
                                        name="dashboard-static", include_in_schema=False)
    return [home, sign_in_page, sign_in, static]
