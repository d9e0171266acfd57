"""Byline: a publishing platform that hosts many blogs for many writers and their readers."""

__version__ = "0.1.0"
