"""JavaScript SSRF through a name bound to Node's http/https module (issue 19): the module
chosen by the URL's scheme (a ternary of the two, by name or by require, or an ``if``), the
request made in a helper's ``new Promise`` executor; and the safe twins, where the host or
the address it resolves to is refused when private before the fetch. A ``typeof x !==
'string'`` check is a type check, no guard of the value."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import check_twins, findings_by_cwe

HEAD = ("const express = require('express');\nconst http = require('http');\n"
        "const https = require('https');\nconst dns = require('dns');\n"
        "const app = express();\napp.use(express.json());\n\n")

HANDLER = '''
app.post('/preview', async (req, res) => {
  const { url } = req.body;
  if (!url) return res.status(400).end();
  CHECK
  const page = await fetchPage(url);
  res.json({ length: page.length });
});
'''

# the helper, as models write it: the request in a Promise executor, its module picked by
# the scheme
FETCHERS = {
    "ternary of names": '''function fetchPage(target) {
  return new Promise((resolve, reject) => {
    const u = new URL(target);
    const client = u.protocol === 'https:' ? https : http;
    client.get(target, (r) => { let b = ''; r.on('data', (c) => { b += c; });
      r.on('end', () => resolve(b)); }).on('error', reject);
  });
}
''',
    "ternary of requires": '''function fetchPage(target) {
  return new Promise((resolve, reject) => {
    const protocol = target.startsWith('https') ? require('https') : require('http');
    const req = protocol.request(target, (r) => resolve(String(r.statusCode)));
    req.on('error', reject);
    req.end();
  });
}
''',
    "if of the two, options object": '''function fetchPage(target) {
  return new Promise((resolve, reject) => {
    const u = new URL(target);
    let lib = http;
    if (u.protocol === 'https:') lib = https;
    const options = { hostname: u.hostname, port: u.port, path: u.pathname, method: 'GET' };
    const req = lib.request(options, (r) => resolve(String(r.statusCode)));
    req.on('error', reject);
    req.end();
  });
}
''',
}

# a check before the fetch that refuses private, loopback and link-local addresses
PRIVATE_CHECK = '''function isPrivateAddress(ip) {
  const p = ip.split('.').map(Number);
  return p[0] === 10 || p[0] === 127 || (p[0] === 169 && p[1] === 254) ||
    (p[0] === 172 && p[1] >= 16 && p[1] <= 31) || (p[0] === 192 && p[1] === 168);
}
'''
RESOLVED = "const { address } = await dns.promises.lookup(new URL(url).hostname);\n" \
           "  if (isPrivateAddress(address)) return res.status(400).end();"
PATTERNS = '''const blockedPatterns = [/^localhost$/i, /^127\\./, /^10\\./, /^169\\.254\\./];
  for (const pattern of blockedPatterns) {
    if (pattern.test(new URL(url).hostname)) return res.status(400).end();
  }'''


def _app(fetcher: str, check: str = "", helper: str = "") -> str:
    return HEAD + helper + fetcher + HANDLER.replace("CHECK", check)


@pytest.mark.parametrize("shape", sorted(FETCHERS))
def test_a_module_chosen_by_scheme_fetches_the_client_url(shape: str) -> None:
    check_twins(918, _app(FETCHERS[shape]),
                _app(FETCHERS[shape], RESOLVED, PRIVATE_CHECK), True, "app.js")


@pytest.mark.parametrize("shape", sorted(FETCHERS))
def test_a_list_of_private_patterns_refusing_the_host_guards(shape: str) -> None:
    assert 918 not in findings_by_cwe(_app(FETCHERS[shape], PATTERNS), "app.js")


def test_a_private_check_that_is_defined_but_never_rejects_guards_nothing() -> None:
    # the helper exists, but nothing refuses on it: the fetch is unguarded
    logged = "console.log(isPrivateAddress('10.0.0.1'));"
    assert 918 in findings_by_cwe(_app(FETCHERS["ternary of names"], logged, PRIVATE_CHECK),
                                  "app.js")


def test_a_name_bound_to_something_else_is_no_http_module() -> None:
    other = FETCHERS["ternary of names"].replace(
        "u.protocol === 'https:' ? https : http", "cache")
    assert 918 not in findings_by_cwe("const cache = new Map();\n" + _app(other), "app.js")

