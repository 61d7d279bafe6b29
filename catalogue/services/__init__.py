"""Reads and writes that views and commands need; each function takes a session."""
