namespace Platform.Workflow.Runtime;

/// <summary>DDL of the runtime tables (reached with Dapper), applied by the EF migration.</summary>
internal static class RuntimeTablesSql
{
    public const string Up = """
        CREATE TABLE workflow.instances (
          id                 uuid PRIMARY KEY,
          version_id         uuid NOT NULL REFERENCES workflow.definition_versions (id),
          definition_key     text NOT NULL,
          version            integer NOT NULL,
          status             text NOT NULL,          -- running | completed | terminated | rejected | failed | cancelled
          app_key            text,
          form_key           text,
          record_id          uuid,
          variables          jsonb NOT NULL DEFAULT '{}',
          started_by         uuid NOT NULL,
          started_at         timestamptz NOT NULL,
          ended_at           timestamptz,
          end_node           text,
          error_code         text
        );
        CREATE INDEX ix_instances_record ON workflow.instances (record_id, definition_key) WHERE status = 'running';
        CREATE INDEX ix_instances_started_by ON workflow.instances (started_by, started_at DESC);
        CREATE INDEX ix_instances_key ON workflow.instances (definition_key, status);

        CREATE TABLE workflow.tokens (
          id          uuid PRIMARY KEY,
          instance_id uuid NOT NULL REFERENCES workflow.instances (id),
          node_id     text NOT NULL,
          status      text NOT NULL,                 -- active | waiting | joined | done | cancelled
          created_at  timestamptz NOT NULL,
          ended_at    timestamptz
        );
        CREATE INDEX ix_tokens_instance ON workflow.tokens (instance_id, status);

        CREATE TABLE workflow.tasks (
          id           uuid PRIMARY KEY,
          instance_id  uuid NOT NULL REFERENCES workflow.instances (id),
          token_id     uuid NOT NULL REFERENCES workflow.tokens (id),
          node_id      text NOT NULL,
          name         text NOT NULL,
          mode         text NOT NULL,
          status       text NOT NULL,                -- open | approved | rejected | returned | cancelled
          field_access jsonb NOT NULL DEFAULT '{}',
          due_at       timestamptz,
          created_at   timestamptz NOT NULL,
          completed_at timestamptz
        );
        CREATE INDEX ix_tasks_instance ON workflow.tasks (instance_id);

        CREATE TABLE workflow.task_assignees (
          task_id     uuid NOT NULL REFERENCES workflow.tasks (id),
          user_id     uuid NOT NULL,
          seq         integer NOT NULL,
          status      text NOT NULL,                 -- pending | waiting | approved | rejected | transferred | skipped
          acted_at    timestamptz,
          PRIMARY KEY (task_id, user_id)
        );
        CREATE INDEX ix_task_assignees_user ON workflow.task_assignees (user_id, status);

        CREATE TABLE workflow.task_events (
          id          bigserial PRIMARY KEY,
          task_id     uuid NOT NULL,
          instance_id uuid NOT NULL,
          actor_id    uuid NOT NULL,
          action      text NOT NULL,                 -- created | approve | reject | return | transfer | add_signer | comment | timeout | cancelled
          comment     text,
          detail      jsonb,
          at          timestamptz NOT NULL
        );
        CREATE INDEX ix_task_events_task ON workflow.task_events (task_id, id);
        CREATE INDEX ix_task_events_actor ON workflow.task_events (actor_id, id DESC);

        CREATE TABLE workflow.carbon_copies (
          id          bigserial PRIMARY KEY,
          instance_id uuid NOT NULL,
          task_id     uuid,
          node_id     text NOT NULL,
          user_id     uuid NOT NULL,
          at          timestamptz NOT NULL,
          read_at     timestamptz
        );
        CREATE INDEX ix_carbon_copies_user ON workflow.carbon_copies (user_id, id DESC);

        CREATE TABLE workflow.jobs (
          id              bigserial PRIMARY KEY,
          kind            text NOT NULL,             -- timer | boundary | condition | effect | http | schedule | retry_node
          instance_id     uuid,
          token_id        uuid,
          node_id         text,
          due_at          timestamptz NOT NULL,
          payload         jsonb NOT NULL DEFAULT '{}',
          idempotency_key text NOT NULL UNIQUE,
          attempts        integer NOT NULL DEFAULT 0,
          max_attempts    integer NOT NULL DEFAULT 5,
          status          text NOT NULL DEFAULT 'pending',   -- pending | incident
          locked_by       text,
          locked_until    timestamptz,
          last_error      text,
          created_at      timestamptz NOT NULL
        );
        CREATE INDEX ix_jobs_due ON workflow.jobs (due_at) WHERE status = 'pending';
        CREATE INDEX ix_jobs_token ON workflow.jobs (token_id);

        CREATE TABLE workflow.job_log (
          idempotency_key text PRIMARY KEY,
          kind            text NOT NULL,
          instance_id     uuid,
          node_id         text,
          worker          text NOT NULL,
          fired_at        timestamptz NOT NULL,
          due_at          timestamptz NOT NULL,
          outcome         text NOT NULL
        );

        CREATE TABLE workflow.incidents (
          id           uuid PRIMARY KEY,
          job_id       bigint NOT NULL,
          instance_id  uuid,
          node_id      text,
          kind         text NOT NULL,
          error        text NOT NULL,
          created_at   timestamptz NOT NULL,
          resolved_at  timestamptz,
          resolution   text,
          resolved_by  uuid
        );
        CREATE INDEX ix_incidents_open ON workflow.incidents (created_at) WHERE resolved_at IS NULL;

        CREATE TABLE workflow.history (
          id          bigserial PRIMARY KEY,
          instance_id uuid NOT NULL,
          token_id    uuid,
          node_id     text NOT NULL,
          event       text NOT NULL,                 -- entered | left | taken | cancelled
          at          timestamptz NOT NULL,
          detail      text
        );
        CREATE INDEX ix_history_instance ON workflow.history (instance_id, id);

        CREATE TABLE workflow.notifications (
          id          uuid PRIMARY KEY,
          user_id     uuid NOT NULL,
          instance_id uuid,
          node_id     text,
          subject     text NOT NULL,
          body        text NOT NULL,
          created_at  timestamptz NOT NULL,
          read_at     timestamptz
        );
        CREATE INDEX ix_notifications_user ON workflow.notifications (user_id, created_at DESC);

        CREATE TABLE workflow.trigger_cursors (
          consumer      text PRIMARY KEY,
          last_event_id bigint NOT NULL
        );

        CREATE TABLE workflow.trigger_log (
          trigger_key text PRIMARY KEY,
          instance_id uuid,
          at          timestamptz NOT NULL
        );

        CREATE TABLE workflow.assign_counters (
          counter_key text PRIMARY KEY,
          next_index  bigint NOT NULL
        );
        """;

    public const string Down = """
        DROP TABLE IF EXISTS workflow.assign_counters, workflow.trigger_log, workflow.trigger_cursors, workflow.notifications,
          workflow.history, workflow.incidents, workflow.job_log, workflow.jobs, workflow.carbon_copies, workflow.task_events,
          workflow.task_assignees, workflow.tasks, workflow.tokens, workflow.instances;
        """;
}
