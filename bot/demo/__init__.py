"""The offline demo: a local feed server with sample coverage and a run of the whole bot against it."""
