"""The committee's annual report: 3P statistics from the records, traced and disclosure-safe."""
