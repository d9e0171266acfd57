"""Defences that concern every request: security headers, rate limits, and forgetting IPs.

- headers.py: Content-Security-Policy (django-csp) and Permissions-Policy on every answer,
  placed so the page cache stores them with the page it keeps.
- ratelimits.py: "429 Too Many Requests" with Retry-After, counted in Django's cache (Redis
  when REDIS_URL is set, so every app server counts together).
- windows.py: counting events in a sliding window, for the rate limits of likes, follows,
  comments and subscriptions.
- retention.py: the periodic job that erases visitors' IP addresses after
  BYLINE_IP_RETENTION_DAYS.
"""
