"""`goalcheck check` over a project on disk: configuration, documents, rules, suppressions, baseline, fixes.

- files: which documents the command line names; settings: flags over `--config` over the nearest file;
- catalog: every rule (goal rules, document rules DO.., meta rules GC..); run: read, parse, check, locate;
- roles: a heading's role given to its goals; track: the document checks (Document and Track);
- suppress: suppression comments, unused ones reported; baseline: report only new findings;
- fix: safe fixes (`--fix`); command: output and exit codes.
"""
