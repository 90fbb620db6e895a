-- Dynamic adjustment of the power list (issue 7, 动态调整): one row per adjustment,
-- one row per step taken on it. The proposed item versions are kept as JSON in
-- `draft` until publication writes them to entity_version (with change_id set
-- here). `trigger_kind`, not `trigger`: a reserved word in both databases.
CREATE TABLE adjustment (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    trigger_kind TEXT NOT NULL,
    trigger_date DATE NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    -- The day the current step began: what its deadline counts from.
    stage_since DATE NOT NULL,
    title TEXT NOT NULL,
    drafted_by TEXT NOT NULL,
    by_system BOOLEAN NOT NULL DEFAULT FALSE,
    draft TEXT NOT NULL,
    doc_no TEXT,
    effective DATE,
    change_id TEXT REFERENCES change_set(id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX adjustment_status ON adjustment(status, body);

CREATE TABLE adjustment_step (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    adjustment_id BIGINT NOT NULL REFERENCES adjustment(id),
    -- The status the adjustment was in when the step was taken.
    step TEXT NOT NULL,
    -- The permission the actor acted under.
    role TEXT NOT NULL,
    actor TEXT NOT NULL,
    decision TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    -- The working day the step is dated (a replayed history has its own dates).
    day DATE NOT NULL,
    due DATE,
    acted_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX adjustment_step_of ON adjustment_step(adjustment_id, id);
