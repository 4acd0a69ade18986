"""One validated Settings object, read once at start-up and passed down.

Sources, highest priority first: CLI flags, environment, YAML file (`--config`), defaults.
Model and GitHub settings keep the reference setup's Secret keys (`GOOGLE_API_KEY`,
`OPENAI_API_KEY`, `GITHUB_TOKEN`, …) so an existing Secret works unchanged; every other
setting is `AI_CANARY_<NAME>`. Secrets are `SecretStr` so they never print by accident.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import yaml
from pydantic import AliasChoices, BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

JudgeChoice = Literal["auto", "heuristic", "openai", "gemini"]


def _env(name: str, *reference: str) -> Any:
    """Field alias: the reference setup's env name(s) first, then `AI_CANARY_<NAME>`."""
    return AliasChoices(*reference, f"AI_CANARY_{name.upper()}", name)


class StaticTarget(BaseModel):
    """A canary named in the YAML config rather than discovered from a Rollout."""

    namespace: str
    rollout: str
    stable_selector: str
    canary_selector: str
    canary_hash: str | None = None
    extra_prompt: str = ""
    repo_url: str = ""
    base_branch: str = ""
    container: str | None = None


_OPENAI_NAMES = ("gpt-", "chatgpt-", "o1", "o3", "o4", "gemma")  # gemma-*: vLLM, OpenAI API


def _model_spec(name: str) -> str:
    """A MODELS_TO_USE entry (bare model name, as carlossg's agent takes) → provider:model."""
    lowered = name.lower()
    if ":" in name:
        return name
    if lowered.startswith(("gemini", "models/gemini")):
        return f"gemini:{name}"
    if lowered.startswith(_OPENAI_NAMES):
        return f"openai:{name}"
    raise ValueError(
        f"MODELS_TO_USE entry {name!r}: cannot tell its provider; use gemini-*, gpt-*/o*, "
        "gemma-* (served by VLLM_API_BASE) or provider:model (e.g. openai:my-model)"
    )


class ConfigError(ValueError):
    """The configuration cannot be used; the message says which setting and why."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="AI_CANARY_",
        populate_by_name=True,
        extra="ignore",
        case_sensitive=False,
    )

    _yaml_file: ClassVar[Path | None] = None

    # --- server -----------------------------------------------------------------------
    host: str = Field("0.0.0.0", description="Address to listen on.")
    port: int = Field(8080, ge=0, le=65535, description="HTTP port (API, /metrics, A2A).")
    log_format: Literal["text", "json"] = Field("text", description="Log output format.")
    log_level: str = Field("INFO", description="Python log level.")
    auth_token: SecretStr | None = Field(
        None, description="Bearer token required on the API when set (off when empty)."
    )
    auth_open_metrics: bool = Field(True, description="Leave /metrics open when auth is on.")
    auth_open_health: bool = Field(True, description="Leave health endpoints open when auth is on.")
    auth_open_plugin: bool = Field(
        False,
        description="Leave POST /a2a/analyze open when auth is on (the metric-ai plugin "
        "sends no token): pair with a NetworkPolicy admitting only the controller.",
    )
    max_body_bytes: int = Field(8 * 1024 * 1024, ge=1024, description="Request body limit.")
    shutdown_grace_seconds: float = Field(
        20.0, ge=0, description="In-flight work grace on SIGTERM."
    )

    # --- verdict ------------------------------------------------------------------------
    judge: JudgeChoice = Field("auto", description="auto|heuristic|openai|gemini.")
    promote_threshold: float = Field(0.8, ge=0, le=1, description="score >= this → promote.")
    abort_threshold: float = Field(0.5, ge=0, le=1, description="score < this → abort.")
    min_canary_events: int = Field(
        20, ge=1, description="Fewer canary log events than this → inconclusive."
    )
    model_failure_policy: Literal["heuristic", "error"] = Field(
        "heuristic",
        description="When every model fails: use the deterministic verdict (flagged) or error.",
    )
    inconclusive_policy: Literal["error", "fail"] = Field(
        "error",
        description="A2A answer for inconclusive: HTTP 503 (Argo retries) or promote=false.",
    )

    # --- scheduling ---------------------------------------------------------------------
    interval_seconds: float = Field(60.0, gt=0, description="Re-analysis period per target.")
    interval_jitter: float = Field(0.1, ge=0, le=1, description="Fraction of random jitter.")
    cache_seconds: float = Field(30.0, ge=0, description="A result younger than this is reused.")
    max_concurrent_analyses: int = Field(64, ge=1, description="Analyses (model calls) at once.")
    error_backoff_max_seconds: float = Field(600.0, gt=0, description="Per-target backoff cap.")
    shard_index: int = Field(
        0,
        ge=0,
        description="This replica's shard; 'ordinal' = the -N suffix of the pod (host) name.",
    )
    shard_count: int = Field(1, ge=1, description="Number of replicas splitting the targets.")
    shard_peer_url: str = Field(
        "",
        description="URL of replica {index} (e.g. http://name-{index}.peers:8080): plugin "
        "requests for another shard's canary are answered by that replica.",
    )

    # --- collection ---------------------------------------------------------------------
    window_seconds: int = Field(600, ge=10, description="Log window per analysis (sinceSeconds).")
    max_pods_per_side: int = Field(3, ge=1, description="Pods read per side.")
    max_log_bytes_per_pod: int = Field(
        4 * 1024 * 1024, ge=1024, description="Bytes kept per pod log read (the newest)."
    )
    max_log_lines_per_pod: int = Field(
        50_000, ge=10, description="Lines kept per pod and window (tailLines; the newest)."
    )
    incremental_logs: bool = Field(
        True, description="Read only lines newer than the last read (sinceTime) each cycle."
    )
    incremental_digest: bool = Field(
        True,
        description="With incremental_logs: digest only the new lines, keeping per-template "
        "counts in time buckets instead of the window's lines.",
    )
    log_fetch_concurrency: int = Field(32, ge=1, description="Concurrent log requests.")
    namespaces: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Namespaces to watch (comma list; empty = all)."
    )
    discover_rollouts: bool = Field(True, description="Watch Argo Rollouts for canaries.")
    kubeconfig: str | None = Field(
        None, description="Kubeconfig path (else in-cluster/KUBECONFIG)."
    )
    kube_context: str | None = Field(None, description="Kubeconfig context.")
    container: str | None = Field(None, description="Container to read (else first non-sidecar).")
    a2a_target_ttl_seconds: float = Field(
        1800.0, gt=0, description="How long a target named by an A2A request keeps being scored."
    )
    request_timeout_seconds: float = Field(
        60.0,
        gt=0,
        le=240,
        description="Longest a plugin/A2A request waits for its analysis before a 503 "
        "(the plugin gives up at 300 s); the analysis goes on and a retry gets its result.",
    )
    health_probe_seconds: float = Field(
        10.0,
        gt=0,
        description="Period of the readiness probes (Kubernetes API; the model while it fails).",
    )
    max_a2a_targets: int = Field(
        200, ge=1, description="Most targets named by A2A requests kept (oldest dropped first)."
    )
    targets: list[StaticTarget] = Field(
        default_factory=list, description="Static targets (YAML only)."
    )

    # --- models (reference Secret keys) ---------------------------------------------------
    google_api_key: SecretStr | None = Field(
        None, validation_alias=_env("google_api_key", "GOOGLE_API_KEY")
    )
    gemini_model: str = Field(
        "gemini-2.5-flash", validation_alias=_env("gemini_model", "GEMINI_MODEL")
    )
    gemini_base_url: str | None = Field(
        None, validation_alias=_env("gemini_base_url", "GEMINI_BASE_URL")
    )
    openai_api_key: SecretStr | None = Field(
        None, validation_alias=_env("openai_api_key", "OPENAI_API_KEY")
    )
    openai_model: str = Field("gpt-4o-mini", validation_alias=_env("openai_model", "OPENAI_MODEL"))
    openai_base_url: str | None = Field(
        None, validation_alias=_env("openai_base_url", "OPENAI_BASE_URL")
    )
    analysis_model: str | None = Field(
        None, validation_alias=_env("analysis_model", "ANALYSIS_MODEL")
    )
    analysis_base_url: str | None = Field(
        # VLLM_API_BASE: carlossg/kubernetes-agent's OpenAI-compatible (vLLM) server for gemma-*
        None,
        validation_alias=_env("analysis_base_url", "ANALYSIS_BASE_URL", "VLLM_API_BASE"),
    )
    analysis_api_key: SecretStr | None = Field(
        None, validation_alias=_env("analysis_api_key", "ANALYSIS_API_KEY")
    )
    models: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Ensemble: comma list of provider:model, e.g. gemini:gemini-2.5-flash.",
    )
    # Reference-agent switches, honoured so their Deployments and Secrets work unchanged:
    quarkus_profile: str = Field(
        "",
        validation_alias=_env("quarkus_profile", "QUARKUS_PROFILE"),
        description="kdubois/kubernetes-agent's provider switch (e.g. prod,openai or "
        "prod,gemini): picks the model provider when judge=auto; explicit judge wins.",
    )
    models_to_use: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        validation_alias=_env("models_to_use", "MODELS_TO_USE"),
        description="carlossg/kubernetes-agent's model list (gemini-*, gpt-*/o*, gemma-* on "
        "VLLM_API_BASE, or provider:model); used when `models` is empty.",
    )
    enable_multi_model: bool = Field(
        False,
        validation_alias=_env("enable_multi_model", "ENABLE_MULTI_MODEL"),
        description="carlossg's switch: without MODELS_TO_USE, ask every configured provider.",
    )
    model_timeout_seconds: float = Field(
        60.0,
        gt=0,
        description="Deadline of the model side of one analysis (every attempt and the "
        "repair request); a timed-out request is not sent again.",
    )
    model_max_retries: int = Field(
        3, ge=0, description="Retries on 429/5xx/connection errors, within the deadline."
    )
    model_max_output_tokens: int = Field(
        700,
        ge=64,
        description="Completion token cap of a verdict (the bounded answer's worst case; "
        "file changes add 3,000 when a follow-up PR may use them).",
    )

    # --- GitHub follow-up ---------------------------------------------------------------
    github_token: SecretStr | None = Field(
        None, validation_alias=_env("github_token", "GITHUB_TOKEN")
    )
    github_api_url: str = Field(
        "https://api.github.com", description="GitHub (Enterprise) API URL."
    )
    github_repos: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Allow-list: owner/name or owner/* (comma list)."
    )
    github_pr_enabled: bool = Field(False, description="Open a PR when a model proposes a change.")

    @field_validator("namespaces", "models", "models_to_use", "github_repos", mode="before")
    @classmethod
    def _comma_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("shard_index", mode="before")
    @classmethod
    def _shard_ordinal(cls, value: Any) -> Any:
        # A StatefulSet pod's hostname is its name, "<set>-<ordinal>": each replica takes
        # its shard from it, so no replica needs a hand-set index.
        if isinstance(value, str) and value.strip().lower() == "ordinal":
            host = os.environ.get("HOSTNAME") or socket.gethostname()
            ordinal = host.rpartition("-")[2]
            if not ordinal.isdigit():
                raise ValueError(
                    f"shard_index=ordinal needs a host name ending in -N, not {host!r}"
                )
            return int(ordinal)
        return value

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.abort_threshold > self.promote_threshold:
            raise ValueError("abort_threshold must not exceed promote_threshold")
        if self.shard_index >= self.shard_count:
            raise ValueError("shard_index must be < shard_count")
        self._reference_switches()
        return self

    def _reference_switches(self) -> None:
        """QUARKUS_PROFILE / MODELS_TO_USE / ENABLE_MULTI_MODEL, mapped onto our settings."""
        profile = {p.strip().lower() for p in self.quarkus_profile.split(",")}
        chosen = [p for p in ("openai", "gemini") if p in profile]
        if len(chosen) > 1:
            raise ValueError(
                f"QUARKUS_PROFILE={self.quarkus_profile!r} names both openai and gemini"
            )
        if chosen and self.judge == "auto" and "judge" not in self.model_fields_set:
            provider = chosen[0]
            if provider == "openai" and not (
                self.openai_api_key
                or self.analysis_api_key
                or self.openai_base_url
                or self.analysis_base_url
            ):
                raise ValueError(
                    f"QUARKUS_PROFILE={self.quarkus_profile!r} selects OpenAI, but neither "
                    "OPENAI_API_KEY nor OPENAI_BASE_URL is set"
                )
            if provider == "gemini" and not self.google_api_key:
                raise ValueError(
                    f"QUARKUS_PROFILE={self.quarkus_profile!r} selects Gemini, but "
                    "GOOGLE_API_KEY is not set"
                )
            self.judge = provider
        if self.models:
            return
        if self.models_to_use:
            self.models = [_model_spec(name) for name in self.models_to_use]
        elif self.enable_multi_model:
            if self.google_api_key:
                self.models.append(f"gemini:{self.gemini_model}")
            if self.openai_api_key or self.openai_base_url or self.analysis_base_url:
                self.models.append(f"openai:{self.analysis_model or self.openai_model}")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if cls._yaml_file is not None:
            sources.append(_YamlSource(settings_cls, cls._yaml_file))
        return tuple(sources)


class _YamlSource(PydanticBaseSettingsSource):
    def __init__(self, settings_cls: type[BaseSettings], path: Path) -> None:
        super().__init__(settings_cls)
        try:
            data = yaml.safe_load(path.read_text()) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"config file {path} must hold a mapping of settings")
        self._data = {str(k).replace("-", "_"): v for k, v in data.items()}

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return self._data.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return {k: v for k, v in self._data.items() if k in self.settings_cls.model_fields}


def load_settings(config_file: str | Path | None = None, **overrides: Any) -> Settings:
    """Read settings once: flags (`overrides`, None values ignored) > env > YAML > defaults."""
    from pydantic import ValidationError

    Settings._yaml_file = Path(config_file) if config_file else None
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"invalid setting {where}: {message}" if where else message) from exc
    finally:
        Settings._yaml_file = None
