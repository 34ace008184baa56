namespace Platform.Reports.Projections;

/// <summary>
/// DDL of the reporting projections: the registry of projected forms, the safe casts used to fill typed columns,
/// and the statement-level triggers on forms.records that keep every projection exact in the writer's transaction.
/// The triggers read the statement's transition tables, so COPY bulk loads, imports, workflow writes, soft deletes
/// and restores all stay in sync without the writers knowing projections exist.
/// </summary>
internal static class ProjectionSql
{
    public const string Up = """
        CREATE TABLE reports.projections (
          app_key    text NOT NULL,
          form_key   text NOT NULL,
          table_name text NOT NULL UNIQUE,
          signature  text NOT NULL,
          insert_sql text NOT NULL,
          upsert_sql text NOT NULL,
          built_at   timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (app_key, form_key)
        );

        -- Never fails a record write: a value that is not a real calendar date projects as NULL. The projection
        -- inlines a fast check for days 01-28 and calls this only for the rest.
        CREATE FUNCTION reports.try_date(s text) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
          SELECT CASE WHEN s ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])' AND left(s, 4) <> '0000' THEN
                   CASE WHEN substr(s, 9, 2) <= '28'
                          OR substr(s, 9, 2)::int <= extract(day FROM make_date(left(s, 4)::int, substr(s, 6, 2)::int, 1) + interval '1 month' - interval '1 day')
                        THEN left(s, 10)::date END
                 END
        $f$;

        CREATE FUNCTION reports.project_records() RETURNS trigger LANGUAGE plpgsql AS $f$
        DECLARE p record;
        BEGIN
          IF TG_OP = 'DELETE' THEN
            FOR p IN SELECT pr.table_name FROM reports.projections pr
                     JOIN (SELECT DISTINCT o.app_key, o.form_key FROM old_rows o) o USING (app_key, form_key) LOOP
              EXECUTE format('DELETE FROM reports.%I t USING old_rows o WHERE t.id = o.id', p.table_name);
            END LOOP;
            RETURN NULL;
          END IF;
          FOR p IN SELECT pr.* FROM reports.projections pr
                   JOIN (SELECT DISTINCT n.app_key, n.form_key FROM new_rows n) n USING (app_key, form_key) LOOP
            IF TG_OP = 'INSERT' THEN
              EXECUTE p.insert_sql USING p.app_key, p.form_key;
            ELSE
              -- Soft-deleted records leave the projection; restored ones come back through the upsert.
              EXECUTE format('DELETE FROM reports.%I t USING new_rows n WHERE t.id = n.id AND n.deleted_at IS NOT NULL', p.table_name);
              EXECUTE p.upsert_sql USING p.app_key, p.form_key;
            END IF;
          END LOOP;
          RETURN NULL;
        END
        $f$;

        CREATE FUNCTION reports.truncate_projections() RETURNS trigger LANGUAGE plpgsql AS $f$
        DECLARE p record;
        BEGIN
          FOR p IN SELECT table_name FROM reports.projections LOOP
            EXECUTE format('TRUNCATE reports.%I', p.table_name);
          END LOOP;
          RETURN NULL;
        END
        $f$;

        CREATE TRIGGER reports_project_insert AFTER INSERT ON forms.records
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports.project_records();
        CREATE TRIGGER reports_project_update AFTER UPDATE ON forms.records
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports.project_records();
        CREATE TRIGGER reports_project_delete AFTER DELETE ON forms.records
          REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports.project_records();
        CREATE TRIGGER reports_project_truncate AFTER TRUNCATE ON forms.records
          FOR EACH STATEMENT EXECUTE FUNCTION reports.truncate_projections();
        """;

    public const string Down = """
        DROP TRIGGER IF EXISTS reports_project_truncate ON forms.records;
        DROP TRIGGER IF EXISTS reports_project_delete ON forms.records;
        DROP TRIGGER IF EXISTS reports_project_update ON forms.records;
        DROP TRIGGER IF EXISTS reports_project_insert ON forms.records;
        DROP FUNCTION IF EXISTS reports.truncate_projections();
        DROP FUNCTION IF EXISTS reports.project_records();
        DO $d$
        DECLARE p record;
        BEGIN
          FOR p IN SELECT table_name FROM reports.projections LOOP
            EXECUTE format('DROP TABLE IF EXISTS reports.%I', p.table_name);
          END LOOP;
        END
        $d$;
        DROP TABLE IF EXISTS reports.projections;
        DROP FUNCTION IF EXISTS reports.try_date(text);
        """;
}
