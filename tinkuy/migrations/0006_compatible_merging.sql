-- Dedup now merges mentions whose actors, codes and dates are compatible (tinkuy/compatible.py),
-- where it merged mentions with the same codes within a window of days. The merged tables are
-- derived from `events`, so the rows merged the old way are removed here, and the next dedup run
-- (`tinkuy ingest`, `tinkuy dedup`) merges every mention again. Nothing else is lost.

DELETE FROM merged_mentions;
DELETE FROM merged_events;
