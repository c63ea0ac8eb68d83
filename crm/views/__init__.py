"""Views of the engagement pages, one module per page group."""
