"""Use cases: each function owns its transaction through a ``UnitOfWork``."""
