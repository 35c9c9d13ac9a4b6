"""The audit log as a tamper-evident record.

Every audit event is a link of a hash chain: it carries its number in its chain, the
SHA-256 of the event before it, and its own SHA-256 over that, its number and a
canonical serialisation of what it says (``chain``). Changing, removing, inserting or reordering an
event breaks the chain where it was done, and ``verify`` says there.

One chain per source, not one for the whole warehouse: each counter (station) writes
its own chain, and events from no counter (the command line, the board without a
counter) write the ``central`` chain. A chain's newest link is a row of
``audit_chains``; appending moves that row on (``UPDATE ... RETURNING``), which holds
its lock to the commit, so a chain's links are numbered without gaps or forks, while
counters never wait for one another: a counter's scans are one queue already, so its
chain is hardly ever contended. On PostgreSQL the head's move and the event's insert
are one statement, the server computing the link (``chain``). With one chain for all
counters, every order a counter closed would wait for the commit of every other
counter's closing transaction: measured with 8 writers, one event per durable
transaction, on one PostgreSQL server (``tests/benchmarks/bench_audit.py``, a busy
2-core machine, four runs), one chain took 900 to 2,400 appends a second, a chain
each 2,700 to 3,150, the busier the machine the further apart (190 against 1,200 to
1,400 while an append was three statements). On SQLite, writers take the file's
write lock anyway (``BEGIN IMMEDIATE``), so the chains cost nothing more there.

The chain head row also makes removing a chain's last events, or adding events past
its end, visible. What no hash chain stops is someone with write access to the
database recomputing every hash after a change: ``packdesk audit verify`` prints each
chain's head (number and hash), which an operator can keep elsewhere (a daily e-mail,
a printout) and compare later.

- ``chain``: the canonical form, the hash, appending (every ``AuditEvent`` inserted
  through a session is chained by a mapper hook, so no caller can forget it; the
  columns are NOT NULL, so an insert that went round it fails).
- ``stored``: reading the log as it is hashed; sealing again (migration, demo).
- ``verify``: walking every chain and saying what broke where.
- ``listing``: finding events by order, user, action and time; CSV export.
"""
