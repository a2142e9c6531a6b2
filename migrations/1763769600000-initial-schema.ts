import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Core schema: configuration versions, the durable inbox, golden records with immutable versions,
 * cross-references, match keys, source records (the three-way merge base), conflicts, audit log and API keys.
 */
export class InitialSchema1763769600000 implements MigrationInterface {
  name = 'InitialSchema1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hub_config (
        version     integer PRIMARY KEY,
        -- json, not jsonb: the author's key order is kept (the order of systems ranks unlisted ones)
        document    json NOT NULL,
        source      text NOT NULL,
        created_by  text,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE inbox_event (
        id               bigserial PRIMARY KEY,
        system           text NOT NULL,
        event_id         text NOT NULL,
        event_type       text NOT NULL,
        entity_type      text NOT NULL,
        action           text NOT NULL CHECK (action IN ('upsert', 'delete')),
        external_id      text NOT NULL,
        payload          jsonb NOT NULL,
        origin           text NOT NULL CHECK (origin IN ('webhook', 'batch', 'poll', 'refresh', 'reconcile')),
        source_timestamp timestamptz,
        received_at      timestamptz NOT NULL DEFAULT now(),
        status           text NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'applied', 'noop', 'echo', 'rejected', 'failed')),
        reason           text,
        errors           jsonb,
        golden_id        uuid,
        golden_version   integer,
        attempts         integer NOT NULL DEFAULT 0,
        processed_at     timestamptz,
        CONSTRAINT inbox_event_sender_id UNIQUE (system, event_id)
      )`);
    await q.query(`CREATE INDEX inbox_event_pending ON inbox_event (id) WHERE status = 'pending'`);
    // Per-record ordering check: "is there an older pending event for this source record?"
    await q.query(`CREATE INDEX inbox_event_pending_record ON inbox_event (system, entity_type, external_id, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX inbox_event_status_received ON inbox_event (status, received_at DESC)`);
    await q.query(`CREATE INDEX inbox_event_golden ON inbox_event (golden_id) WHERE golden_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE golden_record (
        id          uuid PRIMARY KEY,
        entity_type text NOT NULL,
        version     integer NOT NULL,
        deleted     boolean NOT NULL DEFAULT false,
        data        jsonb NOT NULL,
        lineage     jsonb NOT NULL DEFAULT '{}',
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX golden_record_type_id ON golden_record (entity_type, id)`);
    await q.query(`CREATE INDEX golden_record_data ON golden_record USING gin (data jsonb_path_ops)`);

    await q.query(`
      CREATE TABLE golden_version (
        golden_id   uuid NOT NULL REFERENCES golden_record (id),
        version     integer NOT NULL,
        deleted     boolean NOT NULL DEFAULT false,
        data        jsonb NOT NULL,
        diff        jsonb NOT NULL,
        cause       jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (golden_id, version)
      )`);
    // Versions are immutable: refuse UPDATE and DELETE at the database, not only in code.
    await q.query(`
      CREATE FUNCTION hub_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`CREATE TRIGGER golden_version_immutable BEFORE UPDATE OR DELETE ON golden_version
                   FOR EACH ROW EXECUTE FUNCTION hub_refuse_change()`);

    await q.query(`
      CREATE TABLE xref (
        system      text NOT NULL,
        entity_type text NOT NULL,
        external_id text NOT NULL,
        golden_id   uuid NOT NULL REFERENCES golden_record (id),
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (system, entity_type, external_id)
      )`);
    await q.query(`CREATE INDEX xref_golden ON xref (golden_id)`);

    await q.query(`
      CREATE TABLE match_key (
        entity_type text NOT NULL,
        key         text NOT NULL,
        golden_id   uuid NOT NULL REFERENCES golden_record (id),
        PRIMARY KEY (entity_type, key)
      )`);
    await q.query(`CREATE INDEX match_key_golden ON match_key (golden_id)`);

    await q.query(`
      CREATE TABLE source_record (
        system            text NOT NULL,
        entity_type       text NOT NULL,
        external_id       text NOT NULL,
        golden_id         uuid NOT NULL REFERENCES golden_record (id),
        data              jsonb NOT NULL,
        synced            jsonb NOT NULL DEFAULT '{}',
        received_hash     text,
        source_updated_at timestamptz,
        deleted           boolean NOT NULL DEFAULT false,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (system, entity_type, external_id)
      )`);
    await q.query(`CREATE INDEX source_record_golden ON source_record (golden_id)`);

    await q.query(`
      CREATE TABLE conflict (
        id             uuid PRIMARY KEY,
        golden_id      uuid NOT NULL REFERENCES golden_record (id),
        entity_type    text NOT NULL,
        field          text NOT NULL,
        status         text NOT NULL CHECK (status IN ('auto_resolved', 'open', 'resolved')),
        rule           text NOT NULL,
        candidates     jsonb NOT NULL,
        winner         text,
        winning_value  jsonb,
        golden_version integer,
        event_id       bigint,
        created_at     timestamptz NOT NULL DEFAULT now(),
        resolved_at    timestamptz,
        resolved_by    text
      )`);
    await q.query(`CREATE INDEX conflict_status ON conflict (status, entity_type, created_at DESC)`);
    await q.query(`CREATE INDEX conflict_golden ON conflict (golden_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE audit_log (
        id         bigserial PRIMARY KEY,
        at         timestamptz NOT NULL DEFAULT now(),
        actor      text NOT NULL,
        action     text NOT NULL,
        target     text,
        before     jsonb,
        after      jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at DESC)`);

    await q.query(`
      CREATE TABLE api_key (
        id           uuid PRIMARY KEY,
        name         text NOT NULL,
        prefix       text NOT NULL,
        key_hash     text NOT NULL UNIQUE,
        role         text NOT NULL CHECK (role IN ('admin', 'steward', 'viewer')),
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at   timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['api_key', 'audit_log', 'conflict', 'source_record', 'match_key', 'xref', 'golden_version',
      'golden_record', 'inbox_event', 'hub_config']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS hub_refuse_change()`);
  }
}
