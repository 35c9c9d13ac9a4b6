"""The audit log as a tamper-evident record.

Every audit event is a link of a hash chain: it carries its number in its chain, the
SHA-256 of the event before it, and its own SHA-256 over a canonical serialisation of
what it says (``chain.canonical``). Changing, removing, inserting or reordering an
event breaks the chain where it was done, and ``verify`` says there.

One chain per source, not one for the whole warehouse: each counter (station) writes
its own chain, and events from no counter (the command line, the board without a
counter) write the ``central`` chain. A chain's newest link is a row of
``audit_chains``; appending takes that row's lock (``UPDATE ... RETURNING``, held to
the commit) so a chain's links are numbered without gaps or forks, while counters
never wait for one another: a counter's scans are one queue already, so its chain is
never contended. With one chain for all counters every order a counter closed would
wait for every other counter's closing transaction to commit; measured with 8
writers on PostgreSQL (``tests/benchmarks/bench_audit.py``) one chain took several
times longer per append than a chain each. On SQLite, writers take the file's write
lock anyway (``BEGIN IMMEDIATE``), so the chains cost nothing more there.

The chain head row also makes removing a chain's last events, or adding events past
its end, visible. What no hash chain stops is someone with write access to the
database recomputing every hash after a change: ``packdesk audit verify`` prints each
chain's head (number and hash), which an operator can keep elsewhere (a daily e-mail,
a printout) and compare later.

- ``chain``: the canonical form, the hash, appending (every ``AuditEvent`` inserted
  through a session is chained by a mapper hook, so no caller can forget it).
- ``verify``: walking every chain and saying what broke where.
- ``listing``: finding events by order, user, action and time; CSV export.
"""
