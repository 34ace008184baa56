namespace Platform.Forms.Storage;

/// <summary>DDL of the tables reached with Dapper (records, history, outbox, files, counters, import jobs).</summary>
internal static class RecordTablesSql
{
    public const string Up = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;

        CREATE TABLE forms.records (
          id            uuid PRIMARY KEY,
          app_key       text NOT NULL,
          form_key      text NOT NULL,
          data          jsonb NOT NULL,
          title         text,
          owner_id      uuid,
          department_id uuid,
          partner_id    uuid,
          created_by    uuid NOT NULL,
          created_at    timestamptz NOT NULL,
          updated_by    uuid NOT NULL,
          updated_at    timestamptz NOT NULL,
          version       integer NOT NULL,
          deleted_at    timestamptz
        );
        CREATE INDEX ix_records_form_created ON forms.records (app_key, form_key, created_at DESC, id DESC);
        CREATE INDEX ix_records_form_owner ON forms.records (app_key, form_key, owner_id);
        CREATE INDEX ix_records_form_department ON forms.records (app_key, form_key, department_id);
        CREATE INDEX ix_records_form_partner ON forms.records (app_key, form_key, partner_id);
        CREATE INDEX ix_records_title_trgm ON forms.records USING gin (title gin_trgm_ops);

        CREATE TABLE forms.record_history (
          id          bigserial PRIMARY KEY,
          record_id   uuid NOT NULL,
          app_key     text NOT NULL,
          form_key    text NOT NULL,
          version     integer NOT NULL,
          kind        text NOT NULL,
          actor_id    uuid NOT NULL,
          occurred_at timestamptz NOT NULL,
          changes     jsonb NOT NULL
        );
        CREATE INDEX ix_record_history_record ON forms.record_history (record_id, id);

        CREATE TABLE forms.record_events (
          id             bigserial PRIMARY KEY,
          record_id      uuid NOT NULL,
          app_key        text NOT NULL,
          form_key       text NOT NULL,
          kind           text NOT NULL,
          changed_fields text[] NOT NULL,
          actor_id       uuid NOT NULL,
          occurred_at    timestamptz NOT NULL,
          before         jsonb,
          after          jsonb
        );
        CREATE INDEX ix_record_events_form ON forms.record_events (app_key, form_key, id);

        CREATE TABLE forms.files (
          id           uuid PRIMARY KEY,
          app_key      text NOT NULL,
          form_key     text NOT NULL,
          field_key    text NOT NULL,
          file_name    text NOT NULL,
          content_type text NOT NULL,
          size         bigint NOT NULL,
          sha256       text NOT NULL,
          content      bytea NOT NULL,
          created_by   uuid NOT NULL,
          created_at   timestamptz NOT NULL
        );
        CREATE INDEX ix_files_form ON forms.files (app_key, form_key, field_key);

        CREATE TABLE forms.counters (
          app_key   text NOT NULL,
          form_key  text NOT NULL,
          field_key text NOT NULL,
          period    text NOT NULL,
          value     bigint NOT NULL,
          PRIMARY KEY (app_key, form_key, field_key, period)
        );

        CREATE TABLE forms.import_jobs (
          id          uuid PRIMARY KEY,
          app_key     text NOT NULL,
          form_key    text NOT NULL,
          status      text NOT NULL,
          total       integer NOT NULL,
          processed   integer NOT NULL,
          inserted    integer NOT NULL,
          updated     integer NOT NULL,
          skipped     integer NOT NULL,
          failed      integer NOT NULL,
          report      jsonb,
          error       text,
          created_by  uuid NOT NULL,
          created_at  timestamptz NOT NULL,
          finished_at timestamptz
        );
        """;

    public const string Down = """
        DROP TABLE IF EXISTS forms.import_jobs;
        DROP TABLE IF EXISTS forms.counters;
        DROP TABLE IF EXISTS forms.files;
        DROP TABLE IF EXISTS forms.record_events;
        DROP TABLE IF EXISTS forms.record_history;
        DROP TABLE IF EXISTS forms.records;
        """;
}
