"""The command line: argument parsing, output and error translation only. Every command
calls one library function; the library never imports click."""

from riskcheck.cli.main import main

__all__ = ["main"]
