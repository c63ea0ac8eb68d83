"""The REST endpoints of parks and investment projects; ``crm.api.urls`` routes them."""
