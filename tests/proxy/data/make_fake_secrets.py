"""Generate ``fake_secrets.jsonl``: realistic FAKE secrets in the contexts they leak from.

Every value has the real format (prefix, alphabet, length, structure) and a random body
from a seeded generator, so none is a real credential and the file is reproducible:

    .venv/bin/python tests/proxy/data/make_fake_secrets.py

Each line is ``{"kind": ..., "secret": ..., "text": ...}``: ``redact(text)`` must remove
``secret`` entirely and show ``[REDACTED:kind]``.
"""

from __future__ import annotations

import base64
import json
import random
import string
from pathlib import Path

OUT = Path(__file__).with_name("fake_secrets.jsonl")
rng = random.Random(20261123)

ALNUM = string.ascii_letters + string.digits
UPPER_DIGITS = string.ascii_uppercase + string.digits
LOWER_HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"


def rand(alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def pem(label: str, nbytes: int = 600, headers: str = "") -> str:
    body = base64.b64encode(rng.randbytes(nbytes)).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {label}-----\n{headers}" + "\n".join(lines) + f"\n-----END {label}-----"


def jwt() -> str:
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64url(json.dumps({"sub": rand(string.digits, 10), "name": "Fake User",
                                 "iat": 1700000000 + rng.randrange(10**7)}).encode())
    return f"{header}.{payload}.{b64url(rng.randbytes(32))}"


entries: list[dict[str, str]] = []


def add(kind: str, secret: str, *templates: str) -> None:
    for t in templates:
        entries.append({"kind": kind, "secret": secret, "text": t.replace("{s}", secret)})


# -- AWS
akid = "AKIA" + rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
asia = "ASIA" + rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
aws_secret = rand(B64, 40)
add("aws-access-key", akid,
    "[default]\naws_access_key_id = {s}\nregion = eu-west-1\n",
    "I exported {s} in my shell, why does boto3 still say AccessDenied?",
    'client = boto3.client("s3", aws_access_key_id="{s}")')
add("aws-access-key", asia, "AWS_ACCESS_KEY_ID={s}\n")
add("aws-secret-key", aws_secret,
    "[default]\naws_secret_access_key = {s}\n",
    'AWS_SECRET_ACCESS_KEY = "{s}"\n',
    's3 = boto3.resource("s3", aws_secret_access_key="{s}", region_name="us-east-1")',
    "export AWS_SECRET_ACCESS_KEY={s}\n")

# -- LLM providers
openai_proj = "sk-proj-" + rand(URLSAFE, 156)
openai_legacy = "sk-" + rand(ALNUM, 20) + "T3BlbkFJ" + rand(ALNUM, 20)
openai_svc = "sk-svcacct-" + rand(URLSAFE, 120)
add("openai-key", openai_proj,
    "OPENAI_API_KEY={s}\n",
    'client = OpenAI(api_key="{s}")',
    "curl https://api.openai.com/v1/models -H 'Authorization: Bearer {s}'")
add("openai-key", openai_legacy, "openai.api_key = '{s}'\n", "my key is {s}, is it valid?")
add("openai-key", openai_svc, '{"openai": {"key": "{s}"}}')
anthropic = "sk-ant-api03-" + rand(URLSAFE, 93) + "AA"
anthropic_admin = "sk-ant-admin01-" + rand(URLSAFE, 93) + "AA"
add("anthropic-key", anthropic,
    "export ANTHROPIC_API_KEY={s}\n",
    'anthropic.Anthropic(api_key="{s}")',
    "x-api-key: {s}\n")
add("anthropic-key", anthropic_admin, "ANTHROPIC_ADMIN_KEY: {s}\n")
add("openrouter-key", "sk-or-v1-" + rand(LOWER_HEX, 64), 'OPENROUTER_API_KEY="{s}"')
add("groq-key", "gsk_" + rand(ALNUM, 52), "GROQ_API_KEY={s}")
add("xai-key", "xai-" + rand(ALNUM, 80), "client = Client(api_key='{s}')")
add("huggingface-token", "hf_" + rand(string.ascii_letters, 34),
    "huggingface-cli login --token {s}", 'HF_TOKEN = "{s}"')
add("google-api-key", "AIza" + rand(URLSAFE, 35),
    "https://maps.googleapis.com/maps/api/geocode/json?address=x&key={s}",
    "GOOGLE_API_KEY={s}")
add("google-oauth-secret", "GOCSPX-" + rand(URLSAFE, 28),
    '{"installed": {"client_id": "123-abc.apps.googleusercontent.com", '
    '"client_secret": "{s}"}}')

# -- code hosting, chat
add("github-token", "ghp_" + rand(ALNUM, 36),
    "git clone https://{s}@github.com/acme/app.git",
    "GITHUB_TOKEN={s}", "gh auth login --with-token <<< {s}")
add("github-token", "ghs_" + rand(ALNUM, 36), "Authorization: token {s}\n")
add("github-token", "github_pat_" + rand(ALNUM, 22) + "_" + rand(ALNUM, 59),
    'headers = {"Authorization": "Bearer {s}"}', "my PAT {s} stopped working")
add("gitlab-token", "glpat-" + rand(URLSAFE, 20),
    "git remote add origin https://oauth2:{s}@gitlab.com/acme/app.git",
    "PRIVATE-TOKEN: {s}")
slack_bot = f"xoxb-{rand(string.digits, 12)}-{rand(string.digits, 13)}-{rand(ALNUM, 24)}"
add("slack-token", slack_bot, "SLACK_BOT_TOKEN={s}", 'WebClient(token="{s}")')
add("slack-token", f"xoxp-{rand(string.digits, 12)}-{rand(string.digits, 12)}-"
    f"{rand(string.digits, 13)}-{rand(LOWER_HEX, 32)}", "user token {s}")
add("slack-token", f"xapp-1-A{rand(UPPER_DIGITS, 10)}-{rand(string.digits, 13)}-"
    f"{rand(LOWER_HEX, 64)}", "SLACK_APP_TOKEN={s}")
add("slack-webhook", f"https://hooks.slack.com/services/T{rand(UPPER_DIGITS, 8)}/"
    f"B{rand(UPPER_DIGITS, 10)}/{rand(ALNUM, 24)}",
    'requests.post("{s}", json={"text": "deploy done"})')
add("discord-token", rng.choice("MNO") + rand(ALNUM, 23) + "." + rand(URLSAFE, 6) + "."
    + rand(URLSAFE, 27), "discord bot: client.run('{s}')")
add("telegram-token", f"{rand(string.digits, 10)}:AA{rand(URLSAFE, 33)}",
    "https://api.telegram.org/bot{s}/getMe")

# -- payments, mail, packages
add("stripe-key", "sk_live_" + rand(ALNUM, 99),
    'stripe.api_key = "{s}"', "STRIPE_SECRET_KEY={s}")
add("stripe-key", "rk_live_" + rand(ALNUM, 24), "restricted key {s} for reporting")
add("stripe-key", "sk_test_" + rand(ALNUM, 99), "const stripe = require('stripe')('{s}');")
add("stripe-key", "whsec_" + rand(ALNUM, 32), "STRIPE_WEBHOOK_SECRET={s}")
add("square-secret", "sq0csp-" + rand(URLSAFE, 43), "square secret {s}")
add("sendgrid-key", "SG." + rand(URLSAFE, 22) + "." + rand(URLSAFE, 43),
    "SENDGRID_API_KEY='{s}'")
add("mailchimp-key", rand(LOWER_HEX, 32) + "-us" + str(rng.randrange(1, 20)),
    "mailchimp = Client(); mailchimp.set_config({'api_key': '{s}'})")
add("twilio-key", "AC" + rand(LOWER_HEX, 32), "account_sid = '{s}'")
add("twilio-key", "SK" + rand(LOWER_HEX, 32), "TWILIO_API_KEY={s}")
add("npm-token", "npm_" + rand(ALNUM, 36), "//registry.npmjs.org/:_authToken={s}",
    "NPM_TOKEN={s}")
add("pypi-token", "pypi-AgEIcHlwaS5vcmc" + rand(URLSAFE, 150),
    "[pypi]\nusername = __token__\npassword = {s}\n", "twine upload -p {s} dist/*")
add("azure-storage-key", "AccountKey=" + base64.b64encode(rng.randbytes(64)).decode(),
    "DefaultEndpointsProtocol=https;AccountName=acme;{s};EndpointSuffix=core.windows.net")

# -- private keys
add("private-key", pem("RSA PRIVATE KEY", 1190), "here is the key:\n{s}\nwhy does ssh reject it?")
add("private-key", pem("OPENSSH PRIVATE KEY", 400), "cat ~/.ssh/id_ed25519\n{s}\n")
add("private-key", pem("EC PRIVATE KEY", 120), "{s}")
add("private-key", pem("PRIVATE KEY", 1216), 'KEY = """{s}"""')
add("private-key", pem("ENCRYPTED PRIVATE KEY", 1300), "{s}")
add("private-key", pem("PGP PRIVATE KEY BLOCK", 900, headers="Version: GnuPG v2\n\n"), "{s}")
add("private-key", pem("DSA PRIVATE KEY", 440), "dsa:\n{s}")
ssh2 = pem("SSH2 ENCRYPTED PRIVATE KEY", 500).replace("-----", "----").replace(
    "---- BEGIN", "---- BEGIN").replace("KEY----", "KEY ----").replace("----BEGIN", "---- BEGIN")
ssh2 = ssh2.replace("----END", "---- END")
add("private-key", ssh2, "{s}")
sa_key = pem("PRIVATE KEY", 1216).replace("\n", "\\n") + "\\n"
add("private-key", sa_key,
    '{"type": "service_account", "project_id": "acme-prod", "private_key_id": "'
    + rand(LOWER_HEX, 40) + '", "private_key": "{s}", "client_email": '
    '"svc@acme-prod.iam.gserviceaccount.com"}')
putty_body = "\n".join(base64.b64encode(rng.randbytes(48)).decode() for _ in range(6))
add("private-key", f"Private-Lines: 6\n{putty_body}\nPrivate-MAC: {rand(LOWER_HEX, 64)}",
    "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me\n"
    "Public-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIFake\nAAAA\n{s}\n")

# -- tokens in structures
token = jwt()
add("jwt", token, "Cookie: session={s}", '{"access_token_value_here": "{s}"}',
    "decode this: {s}")
add("password-in-url", "s3cr3t-" + rand(ALNUM, 10),
    "DATABASE_URL=postgresql://app:{s}@db.internal:5432/app",
    'engine = create_engine("mysql+pymysql://root:{s}@127.0.0.1/shop")',
    "mongodb+srv://admin:{s}@cluster0.abcde.mongodb.net/test")
add("password-in-url", rand(ALNUM, 24), "REDIS_URL=redis://:{s}@cache:6379/0")
add("password-in-url", "p4ss!" + rand(ALNUM, 8), "amqp://guest:{s}@rabbit:5672/")
add("auth-header", rand(ALNUM, 40),
    "curl -H 'Authorization: Bearer {s}' https://internal.example/api",
    "authorization: Basic {s}")
add("bearer-token", rand(URLSAFE, 43), "then call the API with Bearer {s} as the header")

# -- assignments
add("generic-high-entropy", rand(ALNUM + "!@#%^&*(-_=+)", 50),
    "SECRET_KEY = '{s}'\n", 'app.config["SECRET_KEY"] = "{s}"')
add("generic-high-entropy", rand(ALNUM, 32),
    "client_secret: {s}\n", "  api_key: \"{s}\"\n", "API_KEY={s}\n",
    '{"webhook_secret": "{s}"}', "const apiKey = '{s}';", 'let token = "{s}"',
    "private static final String API_TOKEN = \"{s}\";", "auth_token := \"{s}\"",
    "    config.access_token = '{s}'", "x-api-key: {s}", "api_key={s}&format=json")
add("generic-high-entropy", rand(LOWER_HEX, 64), "ENCRYPTION_KEY={s}")
add("generic-high-entropy", f"{rand(LOWER_HEX, 8)}-{rand(LOWER_HEX, 4)}-4{rand(LOWER_HEX, 3)}-"
    f"a{rand(LOWER_HEX, 3)}-{rand(LOWER_HEX, 12)}", "HEROKU_API_KEY={s}")
add("password", "Tr0ub4dor&3" + rand(ALNUM, 4),
    'password = "{s}"', "DB_PASSWORD={s}\n", "  password: {s}\n", "mysql -u root --password={s}",
    "PGPASSWORD={s} psql -h db", '{"username": "admin", "password": "{s}"}',
    "spring.datasource.password={s}", "<add key=\"pwd\" value=\"x\"/> pwd = '{s}'",
    "def test_login():\n    login(user='bob', password='{s}')")
add("password", "hunter2", "DB_PASS=hunter2\n", "password: 'hunter2'")

# -- added later (kept after the rest so that the seeded values above do not change)
# URL passwords of letters only (issue 16), and secrets in files as agents carry them
add("password-in-url", "SomeLettersOnly", "postgres://user:{s}@host")
add("password-in-url", "CorrectHorseBatteryStaple", "mysql://root:{s}@db",
    "DATABASE_URL=mysql+pymysql://shop:{s}@db.internal/shop\n")
add("password-in-url", rand(string.ascii_lowercase, 14), "REDIS_URL=rediss://default:{s}@cache:6380")
add("generic-high-entropy", rand(ALNUM, 40),
    "# settings\nAPI_KEY={s}\nDEBUG=false\n", "cd app && API_TOKEN={s} npm test",
    "services:\n  web:\n    environment:\n      - SECRET_KEY={s}\n")
add("aws-secret-key", rand(B64, 40),
    "[profile ci]\naws_access_key_id = AKIA" + rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
    + "\naws_secret_access_key = {s}\n")
add("password", "Zz" + rand(string.ascii_letters, 18),
    "spring:\n  datasource:\n    password: {s}\n", "DB_PASSWORD='{s}'\n")


def main() -> None:
    with OUT.open("w") as f:
        for e in entries:
            f.write(json.dumps(e) + "\n")
    print(f"wrote {len(entries)} cases to {OUT}")


if __name__ == "__main__":
    main()
