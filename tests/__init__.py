"""The course's tests (a regular package, so that no installed `tests` package shadows it)."""
