"""ai-canary-exporter: judges Argo Rollouts canaries from their logs and exports the verdict."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ai-canary-exporter")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"
