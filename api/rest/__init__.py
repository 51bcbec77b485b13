"""JSON blueprints, one per resource."""
