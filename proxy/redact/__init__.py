"""Secrets out of every prompt and suggestion before anything is queued, spooled or stored.

Invariant: text that leaves ``redact`` holds no secret we know how to recognise; each one is
replaced by ``[REDACTED:<kind>]`` so a reader still sees *what* was there
(``[REDACTED:aws-access-key]``). API keys and tokens that must stay comparable (the client's
key, to group exchanges by key) are kept only as salted hashes (``hash_secret``).

Detection, in order of trust:

1. Known token formats (``patterns``): detect-secrets' patterns, each pinned by name, and
   the formats it lacks.
2. Assignments to secret-sounding names (``assignments``): only the value is replaced, and
   only when it looks like a secret.

Not redacted, on purpose (judgement calls, tested): free-standing high-entropy strings with
no secret-sounding name, so sha256 digests in lockfiles (``--hash=sha256:...``), git SHAs,
UUIDs, integrity hashes and base64 images stay intact. Provenance fingerprints are computed
from the redacted text, and over-redacting ordinary code would destroy attribution; a
free-standing token of a known format is still caught by (1).

Text as agents send it is mostly escaped: file contents inside tool-call arguments and
replayed history are JSON strings (``"...\\nAPI_KEY=...\\n"``), sometimes two or three
levels deep. Every string literal holding an escape is also read decoded (``jsonstr``), as
text in its own right, and what is found there is replaced in the escaped original, where
only the secret's characters change: a redacted body is still valid JSON, and escaped text
redacts exactly as the same text does plain (tested over the corpus and the stdlib).

The parts: ``patterns`` (formats), ``assignments`` (names), ``jsonstr`` (escaped literals),
``scan`` (chunks, spans, ``redact``/``redact_obj``), ``memo`` (the chunk memo), ``keyhash``
(salt and key hashes). This module is the one import path callers use.
"""

from __future__ import annotations

from proxy.redact.keyhash import HASH_VERSION, SALT_BYTES, get_salt, hash_secret, salt_path
from proxy.redact.patterns import DETECTORS, MARK, entropy, marker
from proxy.redact.scan import (
    CACHE_BYTES,
    CHUNK_MIN,
    KINDS,
    cache_clear,
    cache_info,
    chunks,
    redact,
    redact_obj,
)

__all__ = [
    "CACHE_BYTES", "CHUNK_MIN", "DETECTORS", "HASH_VERSION", "KINDS", "MARK", "SALT_BYTES",
    "cache_clear", "cache_info", "chunks", "entropy", "get_salt", "hash_secret", "marker",
    "redact", "redact_obj", "salt_path",
]
