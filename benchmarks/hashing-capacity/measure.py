#!/usr/bin/env python3
"""Sends one batch of cleartext passwords (PATCH /admin/identities) to a running QuickStart and, while it runs, samples
the latency of GET /admin/identities/{id} back to back on one keep-alive connection. Prints one JSON line.

Usage: measure.py <admin base url> <batch size> <label>
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse


def connect(base):
    url = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=3600)


def request(conn, method, path, body=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, response.read(), response.getheader("Retry-After")


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def main():
    base, size, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    run = str(int(time.time() * 1000))
    setup = connect(base)
    status, body, _ = request(setup, "POST", "/admin/identities",
                              json.dumps({"schema_id": "default", "traits": {"email": f"probe-{run}@example.com"}}))
    assert status == 201, (status, body)
    probe = json.loads(body)["id"]
    setup.close()

    items = [{"create": {"schema_id": "default", "traits": {"email": f"bulk-{run}-{i}@example.com"},
                         "credentials": {"password": {"config": {"password": f"bulk-password-{run}-{i}"}}}}}
             for i in range(size)]
    batch_body = json.dumps({"identities": items})
    outcome = {}
    done = threading.Event()

    def send_batch():
        conn = connect(base)
        started = time.perf_counter()
        try:
            status, answer, retry_after = request(conn, "PATCH", "/admin/identities", batch_body)
            outcome["batch_status"] = status
            outcome["retry_after"] = retry_after
            if status == 200:
                outcome["created"] = sum(1 for item in json.loads(answer)["identities"] if item and item.get("action") == "create")
        except OSError as e:
            outcome["batch_error"] = repr(e)
        finally:
            outcome["batch_seconds"] = time.perf_counter() - started
            conn.close()
            done.set()

    sampler = connect(base)
    request(sampler, "GET", f"/admin/identities/{probe}")  # warm the connection
    batch = threading.Thread(target=send_batch)
    batch.start()
    latencies = []
    statuses = {}
    while not done.is_set():
        started = time.perf_counter()
        status, _, _ = request(sampler, "GET", f"/admin/identities/{probe}")
        latencies.append((time.perf_counter() - started) * 1000.0)
        statuses[status] = statuses.get(status, 0) + 1
    batch.join()
    sampler.close()

    latencies.sort()
    print(json.dumps({
        "label": label,
        "batch_size": size,
        "batch_status": outcome.get("batch_status"),
        "created": outcome.get("created"),
        "retry_after": outcome.get("retry_after"),
        "batch_error": outcome.get("batch_error"),
        "batch_seconds": round(outcome.get("batch_seconds", 0), 2),
        "get_samples": len(latencies),
        "get_statuses": statuses,
        "get_ms": {name: (round(value, 1) if value is not None else None) for name, value in (
            ("p50", percentile(latencies, 50)), ("p95", percentile(latencies, 95)),
            ("p99", percentile(latencies, 99)), ("max", latencies[-1] if latencies else None))},
    }))


if __name__ == "__main__":
    main()
