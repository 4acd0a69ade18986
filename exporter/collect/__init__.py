"""The only stage that talks to Kubernetes: targets, pods, logs and pod facts.

`connect` builds the API client, `RolloutDiscovery` keeps a `TargetRegistry` filled from
Argo Rollouts, `LogCollector.collect(target)` returns the `Collected` input of an analysis.
"""

from exporter.collect.apicall import RetryPolicy
from exporter.collect.client import KubeConnection, connect
from exporter.collect.discovery import RolloutDiscovery, resolve_named_target, rollout_target
from exporter.collect.logs import LogCollector
from exporter.collect.targets import TargetRegistry, static_target

__all__ = [
    "KubeConnection",
    "LogCollector",
    "RetryPolicy",
    "RolloutDiscovery",
    "TargetRegistry",
    "connect",
    "resolve_named_target",
    "rollout_target",
    "static_target",
]
