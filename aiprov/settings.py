"""One settings object for every aiprov command.

Read once from the environment (``AIPROV_*``), which wins, and from
``$AIPROV_HOME/config.toml`` (top level or an ``[aiprov]`` table), through pydantic-settings'
own sources. ``AIPROV_HOME`` (default ``~/.aiprov``) moves the whole user directory:
database, spool, CA, config. Validators normalise the database URL (``store.url``, shared
with the hook's light settings) and refuse unsafe values, and ``get_settings`` turns a
refusal into a ``SettingError`` naming the variable, so that a bad setting fails at start-up
in one readable line rather than mid-request.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from store.url import normalise_db_url, sqlite_file

DEFAULT_OPENAI_BASE = "https://api.openai.com"
DEFAULT_ANTHROPIC_BASE = "https://api.anthropic.com"
DEFAULT_GEMINI_BASE = "https://generativelanguage.googleapis.com"
DEFAULT_CHATGPT_BASE = "https://chatgpt.com/backend-api/codex"
DEFAULT_CODE_ASSIST_BASE = "https://cloudcode-pa.googleapis.com"


def aiprov_home() -> Path:
    """The user directory: ``$AIPROV_HOME`` or ``~/.aiprov``."""
    return Path(os.environ.get("AIPROV_HOME") or Path.home() / ".aiprov").expanduser()


class Route(BaseModel):
    """A model-name route: ``match`` is a glob on the requested model name.

    ``base_url`` sends the request, unchanged, to an OpenAI- or Anthropic-compatible server;
    ``litellm_model`` translates through litellm to any provider (Azure, Bedrock, Gemini,
    Ollama, ...). ``api_key_env`` names an environment variable whose value replaces the
    client's key (the org key held by the proxy).
    """

    match: str
    base_url: str | None = None
    litellm_model: str | None = None
    api_key_env: str | None = None

    @field_validator("base_url")
    @classmethod
    def _strip_slash(cls, v: str | None) -> str | None:
        if v is None:
            return v
        if not v.startswith(("http://", "https://")):
            raise ValueError(f"route base_url must start with http:// or https://, got {v!r}")
        return v.rstrip("/")


class Settings(BaseSettings):
    """Everything configurable; see ``aiprov config`` for the effective values."""

    model_config = SettingsConfigDict(env_prefix="AIPROV_", extra="ignore")

    home: Path = Field(default_factory=aiprov_home)
    db: str = ""  # empty: SQLite file under home
    host: str = "127.0.0.1"
    port: int = 8787
    openai_base: str = DEFAULT_OPENAI_BASE
    anthropic_base: str = DEFAULT_ANTHROPIC_BASE
    gemini_base: str = DEFAULT_GEMINI_BASE  # Gemini API (/v1beta/models/M:generateContent)
    # subscription logins (no API key; the client's OAuth bearer is forwarded untouched):
    # Codex signed in with ChatGPT (the proxy's /backend-api/codex/... stands for this base)
    # and Gemini CLI signed in with Google (Code Assist's /v1internal:METHOD)
    chatgpt_base: str = DEFAULT_CHATGPT_BASE
    code_assist_base: str = DEFAULT_CODE_ASSIST_BASE
    # clouds (proxy.formats.paths): Azure OpenAI resource (https://NAME.openai.azure.com),
    # Vertex AI (empty: https://LOCATION-aiplatform.googleapis.com from the path), Bedrock
    # runtime (https://bedrock-runtime.REGION.amazonaws.com); empty Azure/Bedrock: refused
    azure_base: str = ""
    vertex_base: str = ""
    bedrock_base: str = ""
    routes: list[Route] = Field(default_factory=list)
    developer: str = ""  # empty: git config user.email at start-up
    max_body_bytes: int = 32 * 1024 * 1024
    upstream_timeout: float = 600.0
    recorder: str = "process"  # process: a child process writes records; thread: in-process
    queue_size: int = 10_000
    batch_size: int = 200
    batch_interval: float = 0.2
    # durability (proxy.wal): every exchange is in the spool before its last bytes go out;
    # spool_sync=batch fsyncs it within spool_commit_ms (survives any crash of the proxy,
    # an OS crash loses at most that window), always also waits for the fsync (survives
    # power loss, costs the disk's fsync time per answer). A store that does not answer
    # within store_timeout seconds is unavailable (records wait in the spool); answers are
    # stored up to max_stored_response_bytes each
    spool_sync: Literal["batch", "always"] = "batch"
    spool_commit_ms: float = 5.0
    store_timeout: float = 5.0
    max_stored_response_bytes: int = 2 * 1024 * 1024
    # the recorder reviews each recorded snippet (stricter AI policy) and stores its findings
    # with the exchange (``proxy.suggestions``); off the relay's path either way
    review_suggestions: bool = True
    # proxy tokens (`aiprov proxy-token create`): once any exist, clients authenticate with
    # an aiprov token instead of a provider key, and the proxy forwards the org's key, read
    # from the environment variable named here (per API family)
    openai_key_env: str = "OPENAI_API_KEY"
    anthropic_key_env: str = "ANTHROPIC_API_KEY"
    gemini_key_env: str = "GEMINI_API_KEY"
    azure_key_env: str = "AZURE_OPENAI_API_KEY"
    # intercept: extra hosts (or globs such as *.llm.example.com) that `aiprov intercept`
    # decrypts and records, on top of Copilot/OpenAI/Anthropic and the route hosts
    intercept_allow: list[str] = Field(default_factory=list)
    # attribution
    attribution_window_days: int = 14
    # org sync
    server_url: str = ""
    server_token: str = ""
    sync_mode: str = "redacted"  # full | redacted | metadata

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments, then ``AIPROV_*`` variables, then ``$AIPROV_HOME/config.toml``."""
        return init_settings, env_settings, _ConfigFile(settings_cls, aiprov_home() / "config.toml")

    @field_validator("db")
    @classmethod
    def _normalise_db(cls, v: str, info: ValidationInfo) -> str:
        """A normalised URL (``store.url``). A SQLite file whose directory does not exist is a
        typo, not a wish: only the home directory is created on demand."""
        v = normalise_db_url(v)
        path = sqlite_file(v)
        home = info.data.get("home")
        if path is not None and not path.parent.is_dir() and (
                home is None or path.expanduser().parent != Path(home).expanduser()):
            raise ValueError(f"the directory {path.parent} does not exist; create it, or "
                             "leave AIPROV_DB unset for the default store under AIPROV_HOME")
        return v

    @field_validator("openai_base", "anthropic_base", "gemini_base", "azure_base", "vertex_base",
                     "bedrock_base", "chatgpt_base", "code_assist_base")
    @classmethod
    def _base(cls, v: str, info: ValidationInfo) -> str:
        if not v and info.field_name in ("azure_base", "vertex_base", "bedrock_base"):
            return v  # optional cloud upstreams
        if not v.startswith(("http://", "https://")):
            raise ValueError(f"upstream base must start with http:// or https://, got {v!r}")
        return v.rstrip("/")

    @field_validator("recorder")
    @classmethod
    def _recorder(cls, v: str) -> str:
        if v not in ("process", "thread"):
            raise ValueError("recorder must be process or thread")
        return v

    @field_validator("sync_mode")
    @classmethod
    def _sync_mode(cls, v: str) -> str:
        if v not in ("full", "redacted", "metadata"):
            raise ValueError("sync_mode must be one of full, redacted, metadata")
        return v

    @property
    def db_url(self) -> str:
        return self.db or f"sqlite:///{self.home / 'aiprov.db'}"

    @property
    def proxy_tokens_path(self) -> Path:
        return self.home / "proxy_tokens.json"

    @property
    def spool_dir(self) -> Path:
        return self.home / "spool"

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self.home


class _ConfigFile(TomlConfigSettingsSource):
    """``config.toml``: its ``[aiprov]`` table when it has one, else its top level."""

    def _read_file(self, file_path: Any) -> dict[str, Any]:
        data = super()._read_file(file_path)
        table = data.get("aiprov", data)
        return dict(table) if isinstance(table, dict) else data


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; a refused value raises ``SettingError`` naming it."""
    from aiprov.errors import ConfigError, setting_error

    try:
        return Settings()
    except ValidationError as exc:
        raise (setting_error(exc) or ConfigError(str(exc).splitlines()[0])) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{aiprov_home() / 'config.toml'} is not valid TOML ({exc}); fix "
                          "the file or move it away") from None


def with_options(settings: Settings, **options: Any) -> Settings:
    """``settings`` with the command line's options applied (None: not given) and validated
    again; a refused value is a ``SettingError`` naming the option (``--db``)."""
    from aiprov.errors import SettingError

    given = {k: v for k, v in options.items() if v is not None}
    if not given:
        return settings
    try:
        return Settings.model_validate(settings.model_dump() | given)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first.get("loc") else next(iter(given))
        msg = str(first.get("msg") or "invalid value").removeprefix("Value error, ")
        raise SettingError("--" + field.replace("_", "-"), given.get(field, ""), msg) from None


def write_secret(path: Path, data: bytes) -> None:
    """Write a secret file readable by its owner only (0600), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    os.replace(tmp, path)
