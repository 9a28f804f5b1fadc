"""The exit codes every command shares, so scripts can tell the outcomes apart.

0 done (no finding at or above --fail-on); 1 the status is at or above --fail-on; 2 a user
mistake (missing path, bad option value, unreadable config); 3 an internal error; 130
interrupted (the shell's code for Ctrl-C).
"""

EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
