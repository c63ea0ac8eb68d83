"""The REST endpoints of countries, sectors, organizations and contacts; ``crm.api.urls`` routes them."""
