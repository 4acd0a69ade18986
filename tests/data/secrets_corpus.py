"""Secrets embedded in realistic log lines: the redaction test corpus.

Importable so every stage's tests can run it through their output (digest, JSON output,
model prompts, GitHub bodies) and assert that no value in `SECRETS` survives:

- `CASES`: (kind, secret, line) — one secret per entry, in a real log format.
- `SECRETS`: the raw secret values (what must never appear in any output).
- `LINES`: the log lines (single physical lines, as a pod log delivers them).
- `MULTILINE`: texts spanning several lines (private key blocks printed by a stack trace).
- `BENIGN`: ordinary log lines that must come out of `redact()` unchanged.

All values are random and fake; none was ever a live credential.
"""

from __future__ import annotations

AWS_KEY = "AKIAUJZDE8GXD6NCF10E"
AWS_TEMP_KEY = "ASIAPF91DHODZDOC9IS0"
AWS_SECRET = "spNxnyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS"
GH_PAT = "ghp_MFLZDe1f8rESQedUStPKR0CsTy4Qwb8DwkNh"
GH_OAUTH = "gho_FdnXsiVpzz63FfkCzJr4i0B3JrTAwR4y9ojf"
GH_APP = "ghs_ljoQoaF1LlqsajAIxNKu8iS2G8NPRVdD53X8"
GH_FINE = (
    "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"
)
GITLAB = "glpat-lHUvTCQCyEZDz_TddJ8H"
SLACK_BOT = "xoxb-861040910084-8865563794295-Z7Uw9xfogoEmvnEN5N1aE6Pw"
SLACK_USER = "xoxp-807809080281-231686212665-529109225353-09f74c686cffeae8e95eeaade700a203"
SLACK_HOOK = "https://hooks.slack.com/services/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"
JWT = (
    "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9."
    "eyJzdWIiOiAidXNlci00ODIxIiwgImV4cCI6IDE3NjcyMjU2MDAsICJzY29wZSI6ICJvcmRlcnM6d3JpdGUifQ."
    "nhFyJfm5di4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY-"
)
BEARER = "mF9xQ2vL8pZr4KtW7yNc3HbJ"
BASIC = "c3ZjLW9yZGVyczpSQ3p0VWpBd3l1aDF2YQ=="  # svc-orders:RCztUjAwyuh1va
PASSWORD = "P#tKsf^2%r%cDkdf"
DB_PASSWORD = "Tr0ub4dor-and-3"
SECRET_VALUE = "9d1e7c2b-shh-Vault7"
TOKEN_VALUE = "tok_4f9Kx2Lm8QpR7sVw"
API_KEY = "ak_7Hq2Lz9Xw4Rt1Yp6Mn3B"
CLIENT_SECRET = "836f99eee3692f09e2e8c662248b483b7ffc050f"
URL_PASSWORD = "Sup3rS3cretDbPw"
AMQP_PASSWORD = "rabbitPw9x"
GOOGLE_KEY = "AIzauCu3ZR1zTOlUcR64cXQLioDnkHIfxIq2HZt"
OPENAI_PROJ = "sk-proj-_PlJhx2jIclHkCiHp6bR1IqfEouHgxzNNAL5wIScGebcy8F5"
OPENAI_LEGACY = "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"
STRIPE_LIVE = "sk_live_1y3GQsMpSscDlkrCaqx9vJup"
STRIPE_RESTRICTED = "rk_live_c94tnwlavyfErGPmpGXafq0f"
STRIPE_TEST = "sk_test_jzLczbttOofL9H2WjQ5TY4My"
HIGH_ENTROPY = "rUnW5gcF+Ha6ili8GjHEAD6/Wj9KfzjsQGMrb9h+"
HIGH_ENTROPY_2 = "Xk9fP2mQ8zL4tR7vB1nC5dE3"
JDBC_PASSWORD = "Pg9secret!x"
MONGO_PASSWORD = "M0ngoPw7q"
AZURE_KEY = (
    "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6QUJDREVGR0g0NTY3ODkwMTI9PQ=="
)
SESSION_COOKIE = "8F3A2B1C9D7E6F5A4B3C2D1E0F9A8B7C"
AMZ_SIGNATURE = "3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a"
PEM_BODY = (
    "5+7nYV7zXzDkm0guFcrnUAcgHhJhew/tp+Fkd5b/AivqjtAqgqF1kw8jN803lMUi",
    "CABtaxrwwMvWJWWKrCyfqgfRPER+MwUe7vlaYOVhQ9bEO8rXbACKmwprX8kzFUpt",
    "4oQEqJfFJSYuanwHvL7oQfdFxV1On3R/YVFkxvco1xg1NxOCesiD1/uWWSNAdPUl",
    "j2xoCCOJ0uR/HhdakLxDL7lG5qlHEQnzt58RCib2Ip+jRSUm57wWQq60K/In1Q//",
)

_TS = "2026-11-26T08:14:03.512Z"
_AL = '10.2.3.4 - - [26/Nov/2026:08:14:03 +0000] "GET'  # access-log prefix
_LB = "2026-11-26 08:14:03.512"

CASES: list[tuple[str, str, str]] = [
    # --- AWS access key ids and secret keys --------------------------------------------
    ("aws-key", AWS_KEY, f"{_LB} INFO  [main] c.e.s3.S3Config - using accessKeyId={AWS_KEY}"),
    (
        "aws-key",
        AWS_KEY,
        f'{{"ts":"{_TS}","level":"debug","msg":"aws client","credentials":"{AWS_KEY}"}}',
    ),
    (
        "aws-key",
        AWS_TEMP_KEY,
        f'time={_TS} level=info msg="assumed role" key_id={AWS_TEMP_KEY} expires=3600s',
    ),
    (
        "aws-secret",
        AWS_SECRET,
        f"{_LB} DEBUG [boot] Env - AWS_SECRET_ACCESS_KEY={AWS_SECRET}",
    ),
    (
        "aws-secret",
        AWS_SECRET,
        f'{{"level":"error","msg":"config dump","aws_secret_access_key":"{AWS_SECRET}"}}',
    ),
    (
        "aws-secret",
        AWS_SECRET,
        f"    at c.e.Boot.main(Boot.java:42) config={{region=eu-west-1, "
        f"secretAccessKey={AWS_SECRET}, bucket=orders}}",
    ),
    # --- GitHub tokens -----------------------------------------------------------------
    (
        "github",
        GH_PAT,
        f"{_LB} INFO  [sync] GitClient - cloning https://x-access-token:{GH_PAT}@github.com/acme/a",
    ),
    ("github", GH_PAT, f'level=warn msg="github rate limited" token={GH_PAT} remaining=0'),
    ("github", GH_OAUTH, f'{{"msg":"oauth callback","access_token":"{GH_OAUTH}","scope":"repo"}}'),
    ("github", GH_APP, f"{_TS} DEBUG request headers: Authorization: token {GH_APP}"),
    ("github", GH_FINE, f"export GITHUB_TOKEN={GH_FINE}"),
    ("github", GH_FINE, f"{_LB} ERROR [ci] Pipeline - push failed for {GH_FINE} (403)"),
    # --- GitLab ------------------------------------------------------------------------
    ("gitlab", GITLAB, f"{_LB} INFO  [runner] Registering with token {GITLAB}"),
    ("gitlab", GITLAB, f'{{"level":"info","msg":"PRIVATE-TOKEN: {GITLAB}"}}'),
    (
        "gitlab",
        GITLAB,
        f'{_AL} /api/v4/projects?private_token={GITLAB} HTTP/1.1" 200 512',
    ),
    # --- Slack -------------------------------------------------------------------------
    ("slack", SLACK_BOT, f"{_LB} WARN  [notify] SlackClient - post failed bot={SLACK_BOT}"),
    (
        "slack",
        SLACK_USER,
        f'{{"msg":"slack api","headers":{{"Authorization":"Bearer {SLACK_USER}"}}}}',
    ),
    ("slack", SLACK_HOOK, f"{_LB} INFO  [alerts] Webhook - POST {SLACK_HOOK} -> 200"),
    ("slack", SLACK_HOOK, f'time={_TS} level=error msg="webhook timeout" url={SLACK_HOOK}'),
    # --- JWT ---------------------------------------------------------------------------
    ("jwt", JWT, f"{_LB} DEBUG [http-nio-8080-exec-3] AuthFilter - token={JWT}"),
    ("jwt", JWT, f'{{"level":"warn","msg":"expired session","jwt":"{JWT}","user":"u-4821"}}'),
    ("jwt", JWT, f'10.0.0.7 - - [26/Nov/2026:08:14:03 +0000] "GET /ws?auth={JWT} HTTP/1.1" 101 0'),
    # --- Authorization headers ---------------------------------------------------------
    ("bearer", BEARER, f'{_LB} DEBUG [exec-1] o.a.h.wire - >> "Authorization: Bearer {BEARER}"'),
    (
        "bearer",
        BEARER,
        f'{{"msg":"upstream call","headers":{{"authorization":"Bearer {BEARER}"}}}}',
    ),
    ("bearer", BEARER, f"curl -H 'Authorization: Bearer {BEARER}' http://orders:8080/api"),
    ("basic", BASIC, f'{_LB} DEBUG [exec-2] o.a.h.wire - >> "Authorization: Basic {BASIC}"'),
    ("basic", BASIC, f'level=debug msg="proxy auth" header="Proxy-Authorization: Basic {BASIC}"'),
    # --- keyword pairs -----------------------------------------------------------------
    ("password", PASSWORD, f"{_LB} ERROR [main] DataSource - login failed password={PASSWORD}"),
    ("password", PASSWORD, f'{{"level":"error","msg":"db connect","password":"{PASSWORD}"}}'),
    ("password", PASSWORD, f"  spring.datasource.password: {PASSWORD}"),
    (
        "password",
        DB_PASSWORD,
        f"Caused by: ConfigError: DbConfig(host=db, user=app, passwd={DB_PASSWORD})",
    ),
    (
        "password",
        DB_PASSWORD,
        f"{_TS} INFO settings {{'db_password': '{DB_PASSWORD}', 'pool': 10}}",
    ),
    ("secret", SECRET_VALUE, f"time={_TS} level=debug msg=loaded secret={SECRET_VALUE}"),
    ("secret", SECRET_VALUE, f"{_LB} INFO  [boot] Vault - app.jwt.secret = {SECRET_VALUE}"),
    (
        "token",
        TOKEN_VALUE,
        f'{_AL} /orders?id=42&token={TOKEN_VALUE}&page=2 HTTP/1.1" 200 1834',
    ),
    ("token", TOKEN_VALUE, f'{{"level":"info","msg":"refresh","refresh_token":"{TOKEN_VALUE}"}}'),
    ("api-key", API_KEY, f"{_LB} WARN  [exec-4] PaymentsClient - retrying with api_key={API_KEY}"),
    ("api-key", API_KEY, f'{{"msg":"request","query":"apikey={API_KEY}&q=shoes"}}'),
    ("api-key", API_KEY, f"{_TS} DEBUG > X-API-Key: {API_KEY}"),
    (
        "client-secret",
        CLIENT_SECRET,
        f"{_LB} DEBUG [oidc] OidcClient - client_secret={CLIENT_SECRET}",
    ),
    (
        "client-secret",
        CLIENT_SECRET,
        f'{{"client_id":"orders-svc","client_secret":"{CLIENT_SECRET}"}}',
    ),
    # --- credentials in URLs -----------------------------------------------------------
    (
        "url",
        URL_PASSWORD,
        f"{_LB} INFO  [main] Flyway - connecting to postgres://app:{URL_PASSWORD}@db.prod:5432/orders",
    ),
    (
        "url",
        URL_PASSWORD,
        f'{{"level":"error","msg":"redis down","url":"redis://:{URL_PASSWORD}@redis:6379/0"}}',
    ),
    (
        "url",
        AMQP_PASSWORD,
        f'time={_TS} level=fatal msg="dial amqp://orders:{AMQP_PASSWORD}@rabbitmq:5672/: '
        'connection refused"',
    ),
    # --- Google, OpenAI, Stripe ----------------------------------------------------------
    (
        "google",
        GOOGLE_KEY,
        f"{_LB} INFO  [maps] GeoClient - GET https://maps.googleapis.com/maps/api/geocode/json?address=x&key={GOOGLE_KEY}",
    ),
    ("google", GOOGLE_KEY, f'{{"msg":"gemini call","api":"{GOOGLE_KEY}"}}'),
    (
        "openai",
        OPENAI_PROJ,
        f"{_TS} ERROR openai.AuthenticationError: Incorrect API key provided: {OPENAI_PROJ}",
    ),
    ("openai", OPENAI_LEGACY, f'{{"level":"debug","msg":"llm client","key":"{OPENAI_LEGACY}"}}'),
    ("stripe", STRIPE_LIVE, f"{_LB} ERROR [pay] StripeGateway - charge failed using {STRIPE_LIVE}"),
    ("stripe", STRIPE_RESTRICTED, f'level=info msg="stripe init" restricted={STRIPE_RESTRICTED}'),
    ("stripe", STRIPE_TEST, f'{{"msg":"stripe","secret":"{STRIPE_TEST}"}}'),
    # --- high-entropy values in key/value position ---------------------------------------
    ("entropy", HIGH_ENTROPY, f"{_LB} DEBUG [cache] Session - hmac={HIGH_ENTROPY}"),
    ("entropy", HIGH_ENTROPY, f'{{"msg":"webhook verify","sig":"{HIGH_ENTROPY}"}}'),
    (
        "entropy",
        HIGH_ENTROPY_2,
        f'time={_TS} level=info msg="signed url" X-Goog-Sig={HIGH_ENTROPY_2}',
    ),
    # --- connection strings, cookies, presigned URLs ------------------------------------
    (
        "url",
        JDBC_PASSWORD,
        f"{_LB} ERROR [main] HikariPool-1 - jdbc:postgresql://db:5432/app?user=app&password="
        f"{JDBC_PASSWORD}&ssl=true: connection refused",
    ),
    (
        "url",
        MONGO_PASSWORD,
        f'time={_TS} level=error msg="mongo dial failed" '
        f"uri=mongodb+srv://svc:{MONGO_PASSWORD}@cluster0.abc.mongodb.net/orders",
    ),
    (
        "entropy",
        AZURE_KEY,
        f"{_LB} WARN  [blob] Azure - DefaultEndpointsProtocol=https;AccountName=store1;"
        f"AccountKey={AZURE_KEY};EndpointSuffix=core.windows.net",
    ),
    ("cookie", SESSION_COOKIE, f"{_TS} DEBUG > Cookie: JSESSIONID={SESSION_COOKIE}; theme=dark"),
    (
        "signature",
        AMZ_SIGNATURE,
        f"{_AL} /b/o.tar?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature={AMZ_SIGNATURE} "
        'HTTP/1.1" 200 99',
    ),
    (
        "private-key",
        PEM_BODY[3],
        '{"type":"service_account","project_id":"acme-prod","private_key":'
        f'"-----BEGIN PRIVATE KEY-----\\n{PEM_BODY[3]}\\n-----END PRIVATE KEY-----\\n",'
        '"client_email":"orders@acme-prod.iam.gserviceaccount.com"}',
    ),
    # --- private keys printed on one line (JSON logs escape the newlines) ---------------
    (
        "private-key",
        PEM_BODY[0],
        f'{{"level":"error","msg":"bad tls config","key":"-----BEGIN RSA PRIVATE KEY-----\\n'
        f'{PEM_BODY[0]}\\n{PEM_BODY[1]}\\n-----END RSA PRIVATE KEY-----"}}',
    ),
    ("private-key", PEM_BODY[2], PEM_BODY[2]),
    ("private-key", PEM_BODY[3], f"  {PEM_BODY[3]}"),
]

MULTILINE: list[str] = [
    (
        f"{_LB} ERROR [main] TlsConfig - cannot parse key:\n"
        "-----BEGIN PRIVATE KEY-----\n" + "\n".join(PEM_BODY) + "\n-----END PRIVATE KEY-----\n"
        f"{_LB} INFO  [main] TlsConfig - falling back to self-signed"
    ),
    (
        "Traceback (most recent call last):\n"
        '  File "/app/tls.py", line 12, in load\n'
        "    key = serialization.load_pem_private_key(pem)\n"
        "ValueError: Could not deserialize key data: -----BEGIN EC PRIVATE KEY-----\n"
        + PEM_BODY[1]
        + "\n"
    ),
]

SECRETS: list[str] = sorted({secret for _, secret, _ in CASES} | set(PEM_BODY))
LINES: list[str] = [line for _, _, line in CASES]

BENIGN: list[str] = [
    f"{_LB} INFO  [main] o.s.b.StartupInfoLogger - Started OrdersApplication in 4.215 seconds",
    f"{_LB} INFO  [exec-1] c.e.orders.Api - request_id=550e8400-e29b-41d4-a716-446655440000 "
    "status=200 duration=12ms",
    f'{{"ts":"{_TS}","level":"info","msg":"served","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736",'
    '"span_id":"00f067aa0ba902b7","latency_ms":18}',
    '10.244.1.17 - - [26/Nov/2026:08:14:03 +0000] "GET /api/orders/8812?page=2 HTTP/1.1" '
    '200 1834 "-" "Go-http-client/1.1" 0.012',
    f"{_LB} INFO  [main] BuildInfo - version=1.8.3 commit=3f2a9c1b8e7d6f5a4b3c2d1e0f9a8b7c6d5e4f3a",
    'time=2026-11-26T08:14:03Z level=info msg="image pulled" '
    "image=ghcr.io/acme/orders@sha256:"
    "9b3c1f0e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c",
    f"{_LB} WARN  [pool] HikariPool-1 - Connection is not available, "
    "request timed out after 30000ms",
    f"{_LB} INFO  [main] TokenService - issued 42 tokens in 1.2s",
    'level=error msg="Invalid password: expected 8 characters" user=bob',
    f"{_LB} INFO  [auth] LoginController - password reset requested for user 4821",
    '{"level":"info","msg":"llm usage","prompt_tokens":1024,"completion_tokens":256}',
    f"{_LB} DEBUG [main] pod=orders-7d9f8b6c5d-x2x9z node=ip-10-0-3-17.eu-west-1.compute.internal",
    "goroutine 1 [running]:",
    "\tat com.acme.orders.OrderService.place(OrderService.java:118)",
    f"{_LB} INFO  [main] Basic authentication enabled for /admin",
    f"{_LB} INFO  [main] Bearer token validation enabled (issuer=https://auth.acme.io)",
    "rollouts-pod-template-hash=7d9f8b6c5d canary weight=30",
    f"{_LB} INFO  [main] ThreadPoolTaskExecutor - "
    "Initializing ExecutorService 'applicationTaskExecutor'",
    "I1126 08:14:03.512345       1 controller.go:117] Syncing Rollout default/orders",
    f"{_LB} INFO  [main] Loaded secret ai-canary/github-token (3 keys)",
    '{"level":"info","msg":"secrets loaded","password":null,"token":""}',
    "GET https://example.com:8443/health HTTP/1.1 200",
    f"{_LB} INFO  [main] Config - datasource.password=${{DB_PASSWORD}}",
    "PWD=/home/app OLDPWD=/ HOME=/root SHELL=/bin/sh",
    f"{_LB} DEBUG [auth] TokenCache - token_expiry=2026-11-26T09:00:00Z ttl=3600s",
    'time=2026-11-26T08:14:03Z level=info msg="s3 client" signature_version=4 region=eu-west-1',
    "Caused by: java.lang.SecurityException: Invalid signature: expected 8 got 3",
    "I1126 08:14:03.512 cache key=user:1234 hit ratio=0.93 evictions=12",
    f"{_LB} INFO  [exec-9] X-Request-ID: 7f3e9c1a-2b4d-4e6f-8a0b-1c2d3e4f5a6b",
    f"{_LB} INFO  [sched] task-processor-worker-pool-1234567890abcdef started",
    'time=2026-11-26T08:14:03Z level=warn msg="node condition" reason=disk-pressure-eviction',
    f"{_LB} INFO  [main] c.a.auth.TokenService - token validated for user 4821 in 12ms",
    '{"level":"info","msg":"issued access token","expires_in":3600,"token_type":"Bearer"}',
    f"{_LB} INFO  [main] -----BEGIN CERTIFICATE----- (public certificate, not a key)",
]
