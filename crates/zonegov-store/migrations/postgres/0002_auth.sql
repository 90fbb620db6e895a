-- Accounts, roles, sessions and the hash-chained audit trail (issue 3).
-- audit_log.detail is TEXT on both backends: the chain hashes the exact stored text.
CREATE TABLE app_user (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    institution TEXT NOT NULL,
    park TEXT,
    must_change_password BOOLEAN NOT NULL,
    password_changed_at TIMESTAMPTZ NOT NULL,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until TIMESTAMPTZ,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    flag TEXT,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE role (
    code TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    scope TEXT NOT NULL,
    scope_bodies TEXT NOT NULL
);

CREATE TABLE role_permission (
    role TEXT NOT NULL REFERENCES role(code) ON DELETE CASCADE,
    permission TEXT NOT NULL,
    PRIMARY KEY (role, permission)
);

CREATE TABLE user_role (
    user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    role TEXT NOT NULL REFERENCES role(code) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role)
);

-- Only a hash of the session id is stored: a stolen database yields no live session.
CREATE TABLE session (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    ip TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen TIMESTAMPTZ NOT NULL
);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    ip TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_action ON audit_log(action, seq);
CREATE INDEX audit_log_actor ON audit_log(actor, seq);

-- One row each: the newest entry (head) and the last purged one (checkpoint).
CREATE TABLE audit_anchor (
    name TEXT PRIMARY KEY CHECK (name IN ('head', 'checkpoint')),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_anchor (name, seq, hash) VALUES
    ('head', 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    ('checkpoint', 0, '0000000000000000000000000000000000000000000000000000000000000000');
