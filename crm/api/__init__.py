"""The REST endpoints of the engagement records, and the router that gathers every app's endpoints."""
