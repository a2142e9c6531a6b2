/**
 * A failing delivery: one still to be sent (pending, in flight, or paused behind an open circuit) that has already
 * failed: more than one attempt counting the one under way (a claim counts its attempt when it takes the row), or a
 * last error kept (an outage's failures and a pause do not count as attempts; a retry or replay clears the error).
 * The status page counts these as failing rather than queued, and the deliveries API and the console's systems page
 * list them (`failing=true`), from this one definition. `o` is the outbox row's alias.
 */
export const FAILING_DELIVERY_SQL = `(o.status IN ('pending', 'in_flight', 'paused') AND (o.attempts > CASE WHEN o.status = 'in_flight' THEN 1 ELSE 0 END OR o.last_error IS NOT NULL))`;
