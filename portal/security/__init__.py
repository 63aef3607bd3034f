"""Admin sign-in security (lockout, two-step verification) and request limits."""
