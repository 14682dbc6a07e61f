"""Adapters for tools built on top of botocore clients (s3fs, and through it pandas)."""
