"""Field-level encryption of personal data and keyed hashes (blind indexes) for exact search."""
