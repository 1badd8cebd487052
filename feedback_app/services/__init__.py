"""Business rules in plain functions: views and commands call these, never the other way."""
