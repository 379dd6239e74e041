"""`make bench-api`: the JSON API's throughput beside bare Django views doing the same work."""
