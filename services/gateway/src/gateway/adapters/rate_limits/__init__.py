from gateway.adapters.rate_limits.memory import MemoryRateLimiter
from gateway.adapters.rate_limits.policy import RateLimits, client_address
from gateway.adapters.rate_limits.postgres import PostgresRateLimiter

__all__ = ["MemoryRateLimiter", "PostgresRateLimiter", "RateLimits", "client_address"]
