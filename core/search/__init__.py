"""Global search over every app's records: the index, the registry apps fill in, and the query."""

from core.search.registry import rebuild, register, registrations

__all__ = ["rebuild", "register", "registrations"]
