"""The exit codes every command shares, so scripts can tell the outcomes apart.

0 done (no finding at or above --fail-on); 1 the status is at or above --fail-on; 2 a user
mistake (missing path, bad option value, unreadable config); 3 an internal error; 4 nothing to
assess (no run among the files read, or no athlete of a roster with one: a script must not take
that for a low risk); 130 interrupted (the shell's code for Ctrl-C).
"""

EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_NOTHING_TO_ASSESS = 4
EXIT_INTERRUPTED = 130
