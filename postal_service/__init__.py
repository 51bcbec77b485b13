"""Domain and use cases of the public-utility postal service (BCCI)."""
