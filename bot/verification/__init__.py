"""Verification of the badges and credentials a learner imports; see verify.py."""
