"""Order and catalogue intake: files in, validated records, one atomic upsert."""
