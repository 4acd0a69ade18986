"""Settings: precedence (flags > env > YAML > defaults), reference Secret names, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporter.config import ConfigError, load_settings


def test_defaults_are_documented_values(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("GOOGLE_API_KEY", "OPENAI_API_KEY", "AI_CANARY_PORT", "AI_CANARY_JUDGE"):
        monkeypatch.delenv(var, raising=False)
    s = load_settings()
    assert (s.port, s.judge, s.promote_threshold, s.abort_threshold) == (8080, "auto", 0.8, 0.5)
    assert s.gemini_model == "gemini-2.5-flash"
    assert s.google_api_key is None


def test_reference_secret_names_and_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOOGLE_API_KEY", "g-key")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:1/v1")
    monkeypatch.setenv("AI_CANARY_INTERVAL_SECONDS", "15")
    monkeypatch.setenv("AI_CANARY_GITHUB_REPOS", "org/a, org/*")
    s = load_settings()
    assert s.google_api_key is not None and s.google_api_key.get_secret_value() == "g-key"
    assert "g-key" not in repr(s)  # secrets never print
    assert s.openai_base_url == "http://127.0.0.1:1/v1"
    assert s.interval_seconds == 15
    assert s.github_repos == ["org/a", "org/*"]


def test_precedence_flags_over_env_over_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "port: 9000\ninterval-seconds: 30\nwindow_seconds: 120\n"
        "targets:\n  - {namespace: a, rollout: r, stable_selector: 'app=x,role=stable',"
        " canary_selector: 'app=x,role=canary'}\n"
    )
    monkeypatch.setenv("AI_CANARY_INTERVAL_SECONDS", "20")
    monkeypatch.delenv("AI_CANARY_PORT", raising=False)
    s = load_settings(cfg, port=7000, host=None)
    assert s.port == 7000  # flag
    assert s.interval_seconds == 20  # env beats YAML
    assert s.window_seconds == 120  # YAML beats default
    assert s.targets[0].canary_selector == "app=x,role=canary"


@pytest.mark.parametrize(
    ("overrides", "needle"),
    [
        ({"promote_threshold": 0.3, "abort_threshold": 0.6}, "abort_threshold"),
        ({"port": 70000}, "port"),
        ({"judge": "magic"}, "judge"),
    ],
)
def test_invalid_settings_say_which(overrides: dict[str, object], needle: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(**overrides)
    assert needle in str(err.value)


def test_unreadable_yaml_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just\n- a list\n")
    with pytest.raises(ConfigError, match="mapping"):
        load_settings(bad)
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "missing.yaml")
