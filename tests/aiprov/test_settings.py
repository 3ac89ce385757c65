"""Settings: config.toml through pydantic-settings' TOML source, the environment over it, and
every refusal as a SettingError naming where the value came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiprov.errors import ConfigError, SettingError, mask
from aiprov.settings import Settings, get_settings, with_options
from provenance.pipeline import light_settings


def _load() -> Settings:
    get_settings.cache_clear()
    return get_settings()


@pytest.mark.parametrize("text", ['[aiprov]\nport = 9001\ndeveloper = "f@x"\n',
                                  'port = 9001\ndeveloper = "f@x"\n'])
def test_config_file_table_or_top_level_and_the_environment_wins(text, isolated_env: Path,
                                                                   monkeypatch):
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(text)
    s = _load()
    assert (s.port, s.developer) == (9001, "f@x")
    monkeypatch.setenv("AIPROV_PORT", "9002")
    assert _load().port == 9002 and _load().developer == "f@x"


def test_routes_come_from_the_file(isolated_env: Path):
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(
        '[[routes]]\nmatch = "llama*"\nbase_url = "http://127.0.0.1:11434/v1/"\n')
    [route] = _load().routes
    assert route.match == "llama*" and route.base_url == "http://127.0.0.1:11434/v1"


def test_a_bad_value_names_the_variable_or_the_file(isolated_env: Path, monkeypatch):
    monkeypatch.setenv("AIPROV_PORT", "abc")
    with pytest.raises(SettingError, match=r"^setting AIPROV_PORT is 'abc': .*integer"):
        _load()
    monkeypatch.delenv("AIPROV_PORT")
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text('[[routes]]\nmatch = "x"\nbase_url = "ftp://h"\n')
    with pytest.raises(SettingError, match=r"routes\[0\]\.base_url in .*config\.toml"):
        _load()
    (isolated_env / "config.toml").write_text("port = [")
    with pytest.raises(ConfigError, match="config.toml is not valid TOML"):
        _load()


def test_db_urls_are_refused_alike_by_settings_and_the_hook(isolated_env: Path, monkeypatch):
    for bad in ("nonsense", "mysql://u@h/db"):
        monkeypatch.setenv("AIPROV_DB", bad)
        with pytest.raises(SettingError, match="AIPROV_DB"):
            _load()
        with pytest.raises(ValueError, match="sqlite:/// or postgresql://"):
            light_settings()
    monkeypatch.setenv("AIPROV_DB", "postgres://u@h/db")
    assert _load().db == light_settings().db == "postgresql+psycopg://u@h/db"


def test_sqlite_in_a_missing_directory_is_refused_unless_it_is_the_home(isolated_env: Path,
                                                                         monkeypatch, tmp_path):
    monkeypatch.setenv("AIPROV_DB", f"sqlite:///{tmp_path}/nope/x.db")
    with pytest.raises(SettingError, match="nope does not exist"):
        _load()
    assert not (tmp_path / "nope").exists()
    assert not isolated_env.exists()  # the home is created on demand, and allowed
    monkeypatch.setenv("AIPROV_DB", f"sqlite:///{isolated_env}/mine.db")
    assert _load().db_url.endswith("mine.db")


def test_options_are_named_as_options():
    with pytest.raises(SettingError, match=r"^setting --db is 'nonsense'"):
        with_options(Settings(), db="nonsense")
    assert with_options(Settings(), port=9, db=None).port == 9


def test_mask_hides_passwords_and_tokens():
    assert mask("postgresql://u:s3cret@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert mask("x?password=s3cret&a=1") == "x?password=***&a=1"
    assert "s3cret" not in mask("token aipx_s3cretvalue123 and sk-ant-s3cretvalue456")


def test_config_command_says_where_each_value_came_from(isolated_env: Path, monkeypatch,
                                                         capsys):
    import json

    from aiprov import cli

    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text('port = 9001\nserver_token = "aip_s3cretvalue1"\n')
    monkeypatch.setenv("AIPROV_DB", "postgresql://u:pw0rd@h/x")
    get_settings.cache_clear()
    assert cli.run(["config", "--format", "json"]) == 0
    out = capsys.readouterr().out
    rows = {r["setting"]: r for r in json.loads(out)}
    assert (rows["port"]["value"], rows["port"]["source"]) == (9001, "config.toml")
    assert rows["db"]["source"] == "env" and rows["host"]["source"] == "default"
    assert rows["server_token"]["value"] == "(set)"
    assert "pw0rd" not in out and "s3cret" not in out
