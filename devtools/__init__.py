"""Development tools shared by the tests and the benchmark scripts (not imported by the app)."""
