import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound delivery: the transactional outbox (one row per golden change and target system, compressed while
 * waiting) and the per-system delivery ledger (what the hub last sent to and knows is held by each system,
 * plus the per-record circuit breaker). See docs/decision-outbox-delivery.md.
 */
export class Delivery1763769700000 implements MigrationInterface {
  name = 'Delivery1763769700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id              bigserial PRIMARY KEY,
        system          text NOT NULL,
        entity_type     text NOT NULL,
        golden_id       uuid NOT NULL,
        golden_version  integer NOT NULL,
        operation       text NOT NULL CHECK (operation IN ('upsert', 'delete')),
        -- the record in the system's own shape, and the canonical projection it was mapped from
        payload         jsonb NOT NULL,
        canonical       jsonb NOT NULL,
        payload_hash    text NOT NULL,
        mapping_errors  jsonb,
        status          text NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'in_flight', 'delivered', 'dead', 'paused', 'superseded')),
        attempts        integer NOT NULL DEFAULT 0,
        -- bumped when a payload already sent is replaced: a new body needs a new Idempotency-Key
        key_seq         integer NOT NULL DEFAULT 0,
        idempotency_key text,
        -- a write may have reached the system without an answer: look the record up before creating it
        unacked         boolean NOT NULL DEFAULT false,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until     timestamptz,
        last_error      text,
        last_code       text,
        last_status     integer,
        external_id     text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        delivered_at    timestamptz
      )`);
    // At most one waiting row per record and system: a new change is compressed into it (ON CONFLICT … DO UPDATE).
    await q.query(`CREATE UNIQUE INDEX outbox_waiting ON outbox (system, golden_id) WHERE status IN ('pending', 'paused')`);
    await q.query(`CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX outbox_in_flight ON outbox (system, golden_id) WHERE status = 'in_flight'`);
    await q.query(`CREATE INDEX outbox_system_status ON outbox (system, status, id)`);
    await q.query(`CREATE INDEX outbox_record ON outbox (golden_id, system, id)`);
    await q.query(`CREATE INDEX outbox_status_id ON outbox (status, id)`);

    await q.query(`
      CREATE TABLE delivery_ledger (
        system              text NOT NULL,
        entity_type         text NOT NULL,
        golden_id           uuid NOT NULL,
        external_id         text,
        -- payloadHash of the system-shaped payload last sent / last acknowledged
        last_sent_hash      text,
        last_sent_at        timestamptz,
        last_acked_hash     text,
        last_acked_at       timestamptz,
        -- echoHash (fields the system maps both ways) of the last sent / acknowledged delivery: the echo guard's input
        echo_sent_hash      text,
        echo_acked_hash     text,
        -- hash of the acknowledged values of fields the system never reports back (it holds what the hub wrote)
        hub_only_hash       text,
        last_outbox_id      bigint,
        attempts            integer NOT NULL DEFAULT 0,
        last_error          text,
        writes_window_start timestamptz,
        writes_in_window    integer NOT NULL DEFAULT 0,
        paused_at           timestamptz,
        updated_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (system, golden_id)
      )`);
    await q.query(`CREATE INDEX delivery_ledger_golden ON delivery_ledger (golden_id)`);
    await q.query(`CREATE INDEX delivery_ledger_paused ON delivery_ledger (system) WHERE paused_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS delivery_ledger`);
    await q.query(`DROP TABLE IF EXISTS outbox`);
  }
}
