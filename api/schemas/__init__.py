"""Marshmallow schemas, named <Thing>In (load) and <Thing>Out (dump), per role where needed."""
