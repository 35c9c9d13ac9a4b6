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

The scan log and the order history are chained the same way (``tables``): each
counter's scans in a chain of their own (``scans-station-ID``), each history row in
the history chain of the counter that made it (``history-station-ID``, or
``history-central``). Their heads are rows of ``audit_chains`` too, and ``verify``
walks all three tables. With many counters on one PostgreSQL server every chain stays
verifiable because no two counters write the same chain: each appends under its own
head's row lock, held to its commit (on PostgreSQL in the scan's one statement), so a
chain's numbers have no gap and no fork whatever the others commit meanwhile, and the
walk follows each chain by its numbers, not by the rows' ids, which interleave across
chains. Only ``central`` and ``history-central`` are shared, by the command line, the
board and imports, and their head rows make those wait their turn.

- ``chain``: the canonical form, the hash, appending (every ``AuditEvent`` inserted
  through a session is chained by a mapper hook, so no caller can forget it; the
  columns are NOT NULL, so an insert that went round it fails).
- ``tables``: the scan log and the order history as chains (their content, the
  PostgreSQL head step, the hooks that chain every row a session inserts).
- ``stored``: reading a chained table as it is hashed; sealing again (migrations, demo).
- ``verify``: walking every chain and saying what broke where; ``undone``: the scans
  marked undone checked against the scans that undid them.
- ``lock_order``: a source's heads (``central`` and ``history-central``; a counter's
  ``station-ID`` and ``history-station-ID``) locked together in one order, so two
  transactions never wait for each other's heads (a deadlock on PostgreSQL).
- ``listing``: finding events by order, user, action and time; CSV export.
"""
