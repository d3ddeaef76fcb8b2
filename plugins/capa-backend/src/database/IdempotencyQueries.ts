import { Knex } from 'knex';
import { IdempotencyTable, IdempotentResult } from './CapaStore';

/** Idempotency-key SQL: the first result of a create, per caller and key. */
export class IdempotencyQueries implements IdempotencyTable {
  constructor(private readonly db: Knex) {}

  async find(
    actor: string,
    key: string,
  ): Promise<IdempotentResult | undefined> {
    const row = await this.db('capa_idempotency_keys')
      .where({ actor, idempotency_key: key })
      .first();
    if (!row) {
      return undefined;
    }
    return {
      operation: row.operation,
      requestHash: row.request_hash,
      response: JSON.parse(row.response),
    };
  }

  async claim(
    actor: string,
    key: string,
    request: Omit<IdempotentResult, 'response'>,
    now: Date,
  ): Promise<boolean> {
    const inserted = await this.db('capa_idempotency_keys')
      .insert({
        actor,
        idempotency_key: key,
        operation: request.operation,
        request_hash: request.requestHash,
        response: 'null',
        created_at: now,
      })
      .onConflict(['actor', 'idempotency_key'])
      .ignore()
      .returning('actor');
    return inserted.length === 1;
  }

  async complete(actor: string, key: string, response: unknown): Promise<void> {
    await this.db('capa_idempotency_keys')
      .where({ actor, idempotency_key: key })
      .update({ response: JSON.stringify(response) });
  }
}
