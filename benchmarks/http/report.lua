-- wrk script: at the end of a run, one Markdown table row: the label (ORY_WRK_LABEL), requests per second, p50 and p99
-- latency in milliseconds, and errors (non-2xx/3xx answers plus socket errors: connect, read, write, timeout).
-- Used alone for GETs (wrk -s report.lua) and loaded by the scripts that shape their own requests.
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("| %s | %.0f | %.2f | %.2f | %d |\n", os.getenv("ORY_WRK_LABEL") or "run",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
