"""False-alarm shapes found by reviewing Express and Koa code nobody here wrote (the express
examples, hackathon-starter, koajs/examples; issue 19): each safe shape is not reported,
its vulnerable twin still is."""

from __future__ import annotations

import pytest

from reviewer.engine import review
from tests.reviewer.helpers import target

HEAD = ("const express = require('express');\nconst escapeHtml = require('escape-html');\n"
        "const fs = require('fs');\nconst path = require('path');\n"
        "const app = express();\n")


def _ids(code: str) -> set[str]:
    return {f.rule_id for f in review([target(HEAD + code, "app.js", ai=True)])}


# -- the condition of a ternary only picks an arm -------------------------------------
def test_a_ternary_whose_arms_are_constant_is_not_request_text() -> None:
    safe = ("app.get('/s', (req, res) => {\n"
            "  const mode = req.query.mode === 'regex' ? 'regex' : 'text';\n"
            "  res.send(`<p>mode ${mode}</p>`);\n});\n")
    vulnerable = ("app.get('/s', (req, res) => {\n"
                  "  const mode = req.query.mode ? req.query.mode : 'text';\n"
                  "  res.send(`<p>mode ${mode}</p>`);\n});\n")
    assert "js.xss.response" not in _ids(safe)
    assert "js.xss.response" in _ids(vulnerable)


# -- element methods: slice keeps the receiver, map returns what its function returns -----
USERS = "const users = [{ name: 'tj' }, { name: 'tobi' }];\n"


def test_a_slice_of_constant_data_by_request_indexes_is_constant() -> None:
    safe = USERS + ("app.get('/u/:from', (req, res) => {\n"
                    "  const names = users.map((u) => u.name);\n"
                    "  res.send('users ' + names.slice(req.params.from, 9).join(', '));\n"
                    "});\n")
    vulnerable = USERS + ("app.get('/u/:from', (req, res) => {\n"
                          "  res.send('users ' + req.params.from.slice(0, 9));\n});\n")
    assert "js.xss.response" not in _ids(safe)
    assert "js.xss.response" in _ids(vulnerable)


def test_mapping_constant_records_into_html_is_not_stored_xss() -> None:
    safe = USERS + ("app.get('/', (req, res) => {\n"
                    "  res.send('<ul>' + users.map((u) => '<li>' + u.name + '</li>').join('')"
                    " + '</ul>');\n});\n")
    assert "js.xss.html-built" not in _ids(safe)


def test_mapping_stored_records_into_html_is_still_stored_xss() -> None:
    vulnerable = ("app.get('/', async (req, res) => {\n"
                  "  const rows = await db.all('SELECT name FROM users');\n"
                  "  res.send('<ul>' + rows.map((u) => '<li>' + u.name + '</li>').join('')"
                  " + '</ul>');\n});\n")
    assert "js.xss.html-built" in _ids(vulnerable)


def test_mapping_request_text_into_html_is_still_reflected_xss() -> None:
    vulnerable = USERS + ("app.get('/', (req, res) => {\n"
                          "  res.send(users.map((u) => `<li>${u.name} ${req.query.q}</li>`)"
                          ".join(''));\n});\n")
    assert "js.xss.response" in _ids(vulnerable)


def test_a_stored_rows_id_in_html_holds_no_markup() -> None:
    safe = ("app.get('/', async (req, res) => {\n"
            "  const rows = await db.all('SELECT id, name FROM p');\n"
            "  res.send('<ul>' + rows.map((r) => `<li id=\"${r.id}\">${escapeHtml(r.name)}</li>`)"
            ".join('') + '</ul>');\n});\n")
    vulnerable = safe.replace("${escapeHtml(r.name)}", "${r.name}")
    assert "js.xss.html-built" not in _ids(safe)
    assert "js.xss.html-built" in _ids(vulnerable)


def test_the_length_of_request_data_is_still_request_data() -> None:
    # qs parses ?q[length]=<b> into an object whose length is text
    vulnerable = ("app.get('/', (req, res) => {\n"
                  "  res.send('<p>' + req.query.q.length + '</p>');\n});\n")
    assert "js.xss.response" in _ids(vulnerable)


# -- a function handed to a timer is no string of code ----------------------------------
def test_a_promise_resolver_passed_to_set_timeout_is_not_eval() -> None:
    safe = "async function pause() {\n  await new Promise((resolve) => setTimeout(resolve, 300));\n}\n"
    vulnerable = ("app.get('/t', (req, res) => {\n  const code = req.query.code;\n"
                  "  setTimeout(code, 10);\n  res.end();\n});\n")
    assert "js.code.eval" not in _ids(safe)
    assert "js.code.eval" in _ids(vulnerable)


# -- redirects that cannot leave the site ---------------------------------------------
@pytest.mark.parametrize("arg", [
    "req.get('Referrer') || '/'",          # Express 4's redirect('back')
    "req.headers.referer || '/'",
    "'https://' + req.get('host') + req.url",  # the force-HTTPS middleware
    "'/user/' + req.params.id",            # a path under a fixed first segment
    "`/auth/${req.params.provider}`",
])
def test_redirects_that_stay_on_this_site_are_not_open_redirects(arg: str) -> None:
    code = f"app.get('/r/:id', (req, res) => {{\n  res.redirect({arg});\n}});\n"
    assert "js.redirect.open" not in _ids(code)


@pytest.mark.parametrize("arg", [
    "req.query.next",
    "req.query.next || '/'",
    "'/' + req.query.next",                # '/' + '/evil.example' is //evil.example
    "`${req.query.base}/done`",
])
def test_redirects_to_a_request_url_are_still_open_redirects(arg: str) -> None:
    code = f"app.get('/r', (req, res) => {{\n  res.redirect({arg});\n}});\n"
    assert "js.redirect.open" in _ids(code)


def test_a_location_field_of_a_record_is_no_navigation() -> None:
    safe = ("app.post('/p', (req, res) => {\n  const user = {};\n"
            "  user.profile.location = req.body.location || '';\n  res.json(user);\n});\n")
    vulnerable = ("function go() {\n  window.location.href = "
                  "location.hash.slice(1);\n}\n")
    assert "js.redirect.open" not in _ids(safe)
    assert "js.redirect.open" in _ids(vulnerable)


def test_a_return_path_validated_before_the_session_keeps_it_is_no_redirect() -> None:
    safe = ("app.use((req, res, next) => {\n  const returnTo = req.originalUrl;\n"
            "  if (isSafeRedirect(returnTo)) {\n    req.session.returnTo = returnTo;\n  }\n"
            "  next();\n});\n"
            "app.get('/cb', (req, res) => {\n  res.redirect(req.session.returnTo || '/');\n});\n")
    assert "js.redirect.open" not in _ids(safe)
    assert "js.redirect.open" in _ids(safe.replace("isSafeRedirect(returnTo)", "returnTo"))


# -- file paths the server chose or confined ------------------------------------------
def test_send_file_with_a_root_option_is_confined_by_send() -> None:
    safe = ("app.get('/f/:file', (req, res) => {\n"
            "  res.download(req.params.file, { root: FILES_DIR });\n});\n")
    vulnerable = ("app.get('/f/:file', (req, res) => {\n"
                  "  res.download(path.join(FILES_DIR, req.params.file));\n});\n")
    assert "js.path.traversal" not in _ids(safe)
    assert "js.path.traversal" in _ids(vulnerable)


def test_an_upload_parsers_temp_path_is_not_the_clients_name() -> None:
    safe = ("app.post('/up', (req, res) => {\n  const file = req.files.file;\n"
            "  const reader = fs.createReadStream(file.path);\n  res.end();\n});\n")
    vulnerable = ("app.post('/up', (req, res) => {\n  const file = req.files.file;\n"
                  "  fs.createWriteStream(path.join('/tmp', file.name));\n  res.end();\n});\n")
    assert "js.path.traversal" not in _ids(safe)
    assert "js.path.traversal" in _ids(vulnerable)


# -- responses no browser renders as HTML ---------------------------------------------
def test_a_server_sent_event_frame_is_not_html() -> None:
    safe = ("app.get('/ev', (req, res) => {\n"
            "  res.write(`data: ${JSON.stringify({ q: req.query.q })}\\n\\n`);\n});\n")
    vulnerable = ("app.get('/ev', (req, res) => {\n"
                  "  res.write(`<p>${req.query.q}</p>`);\n});\n")
    assert "js.xss.response" not in _ids(safe)
    assert "js.xss.response" in _ids(vulnerable)


def test_a_plain_text_response_is_not_html() -> None:
    safe = ("app.get('/t', (req, res) => {\n  res.type('text');\n"
            "  res.send('hello ' + req.query.name);\n});\n")
    assert "js.xss.response" not in _ids(safe)
    assert "js.xss.response" in _ids(safe.replace("  res.type('text');\n", ""))


# -- a lookup by a secret the caller holds is no IDOR ---------------------------------
def test_a_lookup_by_reset_token_is_not_an_unchecked_owner() -> None:
    safe = ("app.post('/reset/:token', requireLogin, async (req, res) => {\n"
            "  const user = await User.findOne({ passwordResetToken: req.params.token });\n"
            "  res.json(user);\n});\n")
    vulnerable = ("app.get('/notes/:id', requireLogin, async (req, res) => {\n"
                  "  const note = await Note.findOne({ _id: req.params.id });\n"
                  "  res.json(note);\n});\n")
    assert "js.authz.owner-unchecked" not in _ids(safe)
    assert "js.authz.owner-unchecked" in _ids(vulnerable)


# -- an in-memory record picked by a request id behind a login, the caller never used ----
ORDERS = ("const orders = [];\nfunction authenticate(req, res, next) {\n"
          "  req.user = jwt.verify(req.headers.authorization, KEY);\n  next();\n}\n")


@pytest.mark.parametrize("pick", [
    "orders.find((o) => o.id === parseInt(req.params.id, 10))",
    "orders[req.params.id]",
])
def test_a_record_picked_by_request_id_behind_a_login_is_unchecked(pick: str) -> None:
    code = ORDERS + (f"app.get('/orders/:id', authenticate, (req, res) => {{\n"
                     f"  const order = {pick};\n  res.json(order);\n}});\n")
    assert "js.authz.owner-unchecked-lookup" in _ids(code)


@pytest.mark.parametrize("handler", [
    # the caller's own records only
    "  const order = orders.find((o) => o.id === Number(req.params.id) && "
    "o.userId === req.user.id);\n  res.json(order);\n",
    # a public route: no login, so no owner to compare with
    None,
])
def test_a_pick_scoped_to_the_caller_or_on_a_public_route_is_not_reported(
        handler: str | None) -> None:
    if handler is None:
        code = ORDERS + ("app.get('/orders/:id', (req, res) => {\n"
                         "  res.json(orders.find((o) => o.id === Number(req.params.id)));\n});\n")
    else:
        code = ORDERS + f"app.get('/orders/:id', authenticate, (req, res) => {{\n{handler}}});\n"
    assert "js.authz.owner-unchecked-lookup" not in _ids(code)


def test_eval_of_a_bare_parameter_is_still_eval() -> None:
    assert "js.code.eval" in _ids("function run(code) {\n  return eval(code);\n}\n")


def test_url_search_params_built_for_an_outgoing_request_is_not_input() -> None:
    safe = ("async function revoke(url, token) {\n"
            "  const body = new URLSearchParams({ token, client_id: CLIENT_ID });\n"
            "  const response = await fetch(url, { method: 'POST', body });\n"
            "  console.warn(`revocation answered ${response.status}`);\n}\n")
    assert "js.log.injection" not in _ids(safe)


def test_url_search_params_of_the_page_location_is_still_input() -> None:
    vulnerable = ("function go() {\n"
                  "  const next = new URLSearchParams(window.location.search).get('next');\n"
                  "  document.body.innerHTML = next;\n}\n")
    assert "js.xss.html-sink" in _ids(vulnerable)


def test_a_random_draw_against_a_probability_is_no_security_value() -> None:
    safe = ("async function refreshToken(session) {\n  if (Math.random() < 0.2) {\n"
            "    await session.touch();\n  }\n}\n")
    vulnerable = ("function resetToken(user) {\n"
                  "  user.resetToken = Math.random().toString(36).slice(2);\n}\n")
    assert "js.random.security-value" not in _ids(safe)
    assert "js.random.security-value" in _ids(vulnerable)


def test_a_constant_flag_cookie_is_not_an_insecure_session_cookie() -> None:
    safe = "app.post('/', (req, res) => {\n  res.cookie('remember', 1, { maxAge: 60000 });\n});\n"
    vulnerable = ("app.post('/', (req, res) => {\n  const sid = newSid();\n"
                  "  res.cookie('remember', sid, { maxAge: 60000 });\n});\n")
    assert "js.cookie.insecure" not in _ids(safe)
    assert "js.cookie.insecure" in _ids(vulnerable)


# -- found on a second sample (mdn's local library, node-express-boilerplate, devconnector) --
def test_a_token_kind_spelled_as_its_name_is_no_secret() -> None:
    safe = "const tokenTypes = {\n  RESET_PASSWORD: 'resetPassword',\n  REFRESH: 'refresh_token',\n};\n"
    vulnerable = "const cfg = {\n  RESET_PASSWORD: 'hunter2-Reset!',\n  apiKey: 'k3y-91f0c2a7',\n};\n"
    assert "js.secret.hardcoded" not in _ids(safe)
    assert "js.secret.hardcoded" in _ids(vulnerable)


@pytest.mark.parametrize("body", [
    "  const user = req.body.name;\n  res.send({ user, ok: true });\n",
    "  const user = await userService.createUser(req.body);\n  res.status(201).send(user);\n",
])
def test_sending_an_object_or_a_stored_record_is_json_not_html(body: str) -> None:
    code = f"app.post('/u', async (req, res) => {{\n{body}}});\n"
    assert "js.xss.response" not in _ids(code)


def test_sending_rendered_request_text_is_still_html() -> None:
    vulnerable = ("app.post('/u', async (req, res) => {\n"
                  "  const page = await renderPage(req.body.name);\n  res.send(page);\n});\n")
    assert "js.xss.response" in _ids(vulnerable)


def test_a_field_the_model_class_computes_is_not_the_request_value() -> None:
    safe = ("app.post('/a', async (req, res) => {\n"
            "  const author = new Author({ first_name: req.body.first_name });\n"
            "  await author.save();\n  res.redirect(author.url);\n});\n")
    vulnerable = ("app.post('/a', async (req, res) => {\n"
                  "  const author = new Author({ url: req.body.url });\n"
                  "  res.redirect(author.url);\n});\n")
    assert "js.redirect.open" not in _ids(safe)
    assert "js.redirect.open" in _ids(vulnerable)


def test_a_spread_into_the_model_may_set_any_field() -> None:
    vulnerable = ("app.post('/a', async (req, res) => {\n"
                  "  const author = new Author({ ...req.body });\n"
                  "  res.redirect(author.url);\n});\n")
    assert "js.redirect.open" in _ids(vulnerable)


def test_a_sign_in_lookup_by_email_is_no_idor() -> None:
    safe = ("router.post('/login', auth, async (req, res) => {\n"
            "  const { email, password } = req.body;\n"
            "  const user = await User.findOne({ email });\n  res.json(user);\n});\n")
    assert "js.authz.owner-unchecked" not in _ids(safe)


def test_a_password_hashed_before_the_save_is_not_plaintext() -> None:
    safe = ("app.post('/register', async (req, res) => {\n"
            "  const { name, password } = req.body;\n"
            "  const user = new User({ name, password });\n"
            "  user.password = await bcrypt.hash(password, 10);\n  await user.save();\n"
            "  res.json({ ok: true });\n});\n")
    vulnerable = safe.replace("  user.password = await bcrypt.hash(password, 10);\n", "")
    assert "js.pwd.plaintext-storage" not in _ids(safe)
    assert "js.pwd.plaintext-storage" in _ids(vulnerable)


def test_a_kebab_secret_naming_its_kind_is_still_a_secret() -> None:
    assert "js.secret.hardcoded" in _ids("module.exports = {\n  secret: 'bezkoder-secret-key',\n};\n")


def test_a_negated_validator_does_not_guard_its_own_rejecting_branch() -> None:
    vulnerable = ("app.get('/p/:id', (req, res) => {\n  const { id } = req.params;\n"
                  "  if (!mongoose.Types.ObjectId.isValid(id)) return res.status(404)"
                  ".send(`No post with id: ${id}`);\n  res.json({ id });\n});\n")
    assert "js.xss.response" in _ids(vulnerable)


def test_a_scripts_own_arguments_are_not_attacker_input() -> None:
    safe = ("const appPath = path.resolve(process.argv[2]);\n"
            "fs.unlinkSync(path.join(appPath, 'CHANGELOG.md'));\n")
    vulnerable = ("app.get('/rm', (req, res) => {\n"
                  "  fs.unlinkSync(path.join(ROOT, req.query.name));\n  res.end();\n});\n")
    assert "js.path.traversal" not in _ids(safe)
    assert "js.path.traversal" in _ids(vulnerable)


@pytest.mark.parametrize("line", [
    "console.log(`${req.method} ${req.originalUrl}`);",
    "logger.info('%s %s', req.method, req.path);",
])
def test_a_request_logger_of_the_raw_url_forges_no_line(line: str) -> None:
    code = f"app.use((req, res, next) => {{\n  {line}\n  next();\n}});\n"
    assert "js.log.injection" not in _ids(code)


@pytest.mark.parametrize("line", [
    "console.log('query', req.query.q);",       # decoded: %0A is a newline
    "console.log(`user ${req.params.name}`);",
    "logger.info('login', req.body.username);",
    "console.log('UA', req.headers['user-agent']);",  # terminal escapes still pass
])
def test_decoded_request_values_in_a_log_line_are_still_log_injection(line: str) -> None:
    code = f"app.get('/u/:name', (req, res) => {{\n  {line}\n  res.end();\n}});\n"
    assert "js.log.injection" in _ids(code)


def test_the_path_of_a_ternary_goes_through_the_arm_that_carries_the_value() -> None:
    code = HEAD + ("app.get('/s', (req, res) => {\n"
                   "  const who = req.query.admin ? req.query.name : 'guest';\n"
                   "  res.send(`<p>${who}</p>`);\n});\n")
    found = [f for f in review([target(code, "app.js", ai=True)]) if f.rule_id == "js.xss.response"]
    assert found and any("req.query.name" in step for _, step in found[0].trace)
    assert not any("req.query.admin" in step for _, step in found[0].trace)


def test_a_raw_body_parsed_with_url_search_params_is_still_input() -> None:
    vulnerable = ("const http = require('http');\n"
                  "http.createServer((req, res) => {\n  let body = '';\n"
                  "  req.on('data', (c) => { body += c; });\n  req.on('end', () => {\n"
                  "    const form = new URLSearchParams(body);\n"
                  "    res.end('<p>' + form.get('name') + '</p>');\n  });\n}).listen(3000);\n")
    assert "js.xss.response" in _ids(vulnerable)


def test_a_redirect_into_an_interpolated_first_segment_is_still_open() -> None:
    code = "app.get('/r', (req, res) => {\n  res.redirect(`/${req.query.next}`);\n});\n"
    assert "js.redirect.open" in _ids(code)


def test_a_database_record_behind_a_named_login_middleware_is_unchecked() -> None:
    vulnerable = ("app.put('/api/notes/:id', currentUser, async (req, res) => {\n"
                  "  const note = await Note.findById(req.params.id);\n"
                  "  note.text = req.body.text;\n  await note.save();\n  res.json(note);\n});\n")
    safe = vulnerable.replace("  note.text = req.body.text;\n",
                              "  if (note.ownerId !== req.uid) return res.sendStatus(404);\n"
                              "  note.text = req.body.text;\n")
    assert "js.authz.owner-unchecked" in _ids(vulnerable)
    assert "js.authz.owner-unchecked" not in _ids(safe)


def test_a_format_check_is_no_guard_for_a_redirect() -> None:
    vulnerable = ("app.get('/r', (req, res) => {\n  const next = req.query.next;\n"
                  "  if (isValidUrl(next)) return res.redirect(next);\n  res.redirect('/');\n});\n")
    safe = vulnerable.replace("isValidUrl(next)", "isSafeRedirect(next)")
    assert "js.redirect.open" in _ids(vulnerable)
    assert "js.redirect.open" not in _ids(safe)
