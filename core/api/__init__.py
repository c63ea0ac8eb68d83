"""What every app's REST endpoints share: the base viewset, errors, ETags, pagination, schema additions."""
