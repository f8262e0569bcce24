"""Following news feeds: ``tinkuy watch`` reads RSS/Atom feeds and sitemaps, fetches the pages they list,
codes them and keeps the store current, round after round.

- ``feeds``: the feed list, and the pages a feed lists (canonical URLs, stamps);
- ``fetch``: polite and safe fetching (addresses, robots.txt, rate limits, size and time caps);
- ``state``: what is kept in the store between rounds (seen pages, validators, failures, backoff);
- ``rounds``: one round, coded and stored as ``tinkuy.ingest`` codes and stores files.

``docs/watch.md`` describes the watcher, its politeness rules and its state.
"""
