-- Print one line of JSON after wrk's report, for bench/run.py (latencies in milliseconds).
-- wrk leaves out of its histogram any request slower than --timeout, counting it as a
-- timeout instead, so run.py gives wrk a long timeout.
done = function(summary, latency, requests)
  local errors = summary.errors
  local seconds = summary.duration / 1000000
  io.write(string.format(
    'BENCHJSON {"requests": %d, "seconds": %.3f, "bytes": %d, "rps": %.2f, ' ..
    '"p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, ' ..
    '"errors_connect": %d, "errors_read": %d, "errors_write": %d, ' ..
    '"errors_status": %d, "errors_timeout": %d}\n',
    summary.requests, seconds, summary.bytes, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
