"""Which model judges to run, decided once from Settings (never from os.environ here).

`judge=auto` follows SPEC §4: Gemini when `GOOGLE_API_KEY` is set, else an OpenAI-compatible
server when an OpenAI/analysis key or base URL is set, else no model (deterministic only).
`judge=openai|gemini` forces one and fails loudly when it cannot be configured; `models`
(`provider:model,...`) configures an ensemble. For the OpenAI-compatible judge the
`ANALYSIS_*` names take precedence over `OPENAI_*` (the reference agent's convention).
"""

from __future__ import annotations

from exporter.config import ConfigError, Settings
from exporter.judges.ensemble import ModelEnsemble
from exporter.judges.model_judge import ModelJudge
from exporter.judges.retry import Backoff

PROVIDERS = ("openai", "gemini")
_ALIASES = {"google": "gemini", "openai-compatible": "openai", "vllm": "openai", "ollama": "openai"}


def _openai_key(settings: Settings) -> str | None:
    secret = settings.analysis_api_key or settings.openai_api_key
    return secret.get_secret_value() if secret else None


def _openai_base_url(settings: Settings) -> str | None:
    return settings.analysis_base_url or settings.openai_base_url


def _openai_model(settings: Settings) -> str:
    return settings.analysis_model or settings.openai_model


def _openai_configured(settings: Settings) -> bool:
    return bool(_openai_key(settings) or _openai_base_url(settings))


def _gemini_configured(settings: Settings) -> bool:
    return settings.google_api_key is not None and bool(settings.google_api_key.get_secret_value())


def _auto_provider(settings: Settings) -> str | None:
    if _gemini_configured(settings):
        return "gemini"
    if _openai_configured(settings):
        return "openai"
    return None


def _plan(settings: Settings) -> list[tuple[str, str]]:
    """The (provider, model) pairs to run; raises ConfigError when a choice cannot work."""
    if settings.judge == "heuristic":
        return []
    if settings.models:
        plan = [_parse_model(spec, settings) for spec in settings.models]
    elif settings.judge == "auto":
        provider = _auto_provider(settings)
        if provider is None:
            return []
        plan = [(provider, _default_model(provider, settings))]
    else:
        plan = [(settings.judge, _default_model(settings.judge, settings))]
    for provider, _ in plan:
        if provider == "gemini" and not _gemini_configured(settings):
            raise ConfigError("the Gemini judge needs GOOGLE_API_KEY (the Gemini API key)")
        if provider == "openai" and not _openai_configured(settings):
            raise ConfigError(
                "the OpenAI-compatible judge needs OPENAI_API_KEY or ANALYSIS_API_KEY, "
                "or OPENAI_BASE_URL/ANALYSIS_BASE_URL for a server without keys (vLLM, Ollama)"
            )
    return plan


def _default_model(provider: str, settings: Settings) -> str:
    return settings.gemini_model if provider == "gemini" else _openai_model(settings)


def _parse_model(spec: str, settings: Settings) -> tuple[str, str]:
    provider, _, model = spec.strip().partition(":")
    provider = _ALIASES.get(provider.lower(), provider.lower())
    if provider not in PROVIDERS:
        raise ConfigError(
            f"invalid setting models: {spec!r} must be provider:model with provider one of "
            f"{', '.join(PROVIDERS)} (e.g. gemini:gemini-2.5-flash,openai:gpt-4o-mini)"
        )
    return provider, model.strip() or _default_model(provider, settings)


def build_model_judges(
    settings: Settings, *, backoff: Backoff | None = None
) -> ModelEnsemble | None:
    """The configured models as one ensemble, or None for deterministic-only judging."""
    plan = _plan(settings)
    if not plan:
        return None
    backoff = backoff or Backoff(max_retries=settings.model_max_retries)
    judges: list[ModelJudge] = []
    # A provider's SDK is imported only when it is used (google-genai and openai together
    # cost ~1 s of start-up, half of an `analyze --judge heuristic`).
    for provider, model in plan:
        if provider == "gemini":
            from exporter.judges.gemini_judge import GeminiJudge

            assert settings.google_api_key is not None  # checked by _plan
            judges.append(
                GeminiJudge(
                    model,
                    api_key=settings.google_api_key.get_secret_value(),
                    base_url=settings.gemini_base_url,
                    timeout=settings.model_timeout_seconds,
                    backoff=backoff,
                    max_output_tokens=settings.model_max_output_tokens,
                )
            )
        else:
            from exporter.judges.openai_judge import OpenAIJudge

            judges.append(
                OpenAIJudge(
                    model,
                    api_key=_openai_key(settings),
                    base_url=_openai_base_url(settings),
                    timeout=settings.model_timeout_seconds,
                    backoff=backoff,
                    max_output_tokens=settings.model_max_output_tokens,
                )
            )
    propose_changes = settings.github_pr_enabled and settings.github_token is not None
    return ModelEnsemble(judges, propose_changes=propose_changes)


def model_configured(settings: Settings) -> bool:
    """Whether these settings add a model to the deterministic judge (ConfigError if broken)."""
    return bool(_plan(settings))


def describe_choice(settings: Settings) -> str:
    """One line for the startup log and `analyze`: which judge runs and why (no secrets)."""
    try:
        plan = _plan(settings)
    except ConfigError as exc:
        return f"misconfigured model judge: {exc}"
    if not plan:
        if settings.judge == "heuristic":
            return "deterministic judge only (judge=heuristic)"
        return (
            "deterministic judge only: no model configured "
            "(set GOOGLE_API_KEY, or OPENAI_API_KEY/OPENAI_BASE_URL, to add a model judge)"
        )
    parts = []
    for provider, model in plan:
        if provider == "gemini":
            where = f" at {settings.gemini_base_url}" if settings.gemini_base_url else ""
            parts.append(f"Gemini {model}{where}")
        else:
            base_url = _openai_base_url(settings)
            parts.append(f"OpenAI-compatible {model}" + (f" at {base_url}" if base_url else ""))
    if settings.models:
        why = "models setting"
    elif settings.judge != "auto":
        why = f"judge={settings.judge}"
    elif plan[0][0] == "gemini":
        why = "auto: GOOGLE_API_KEY is set"
    else:
        why = "auto: OpenAI/analysis key or base URL is set"
    return f"deterministic judge + {', '.join(parts)} ({why})"
