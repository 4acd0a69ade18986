"""A simulated cluster for `ai-canary-exporter demo` and for tests.

`fake_kube` is a small Kubernetes API server (aiohttp, loopback only) that the real
kubernetes-asyncio client talks to; it ships in the package because `demo` serves it.
"""
