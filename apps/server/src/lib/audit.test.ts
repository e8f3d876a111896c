import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../db/types';
import { diff, GENESIS_HASH, hashEvent } from './audit';
import { canonicalJson } from './canonical';

const event = (over: Partial<AuditRow> = {}): Omit<AuditRow, 'hash'> => ({
  id: '1',
  at: new Date('2026-03-01T08:00:00.000Z'),
  actor_type: 'user',
  actor_id: '3f1d1a4e-0000-4000-8000-000000000001',
  actor_name: 'admin',
  token_id: null,
  action: 'unit.create',
  entity_type: 'unit',
  entity_id: 'x',
  unit_id: null,
  before: null,
  after: { nameZh: '晋江市', code: 'JINJIANG' },
  ip: '127.0.0.1',
  user_agent: 'test',
  request_id: 'r1',
  prev_hash: GENESIS_HASH,
  ...over,
});

describe('canonical JSON', () => {
  it('sorts keys at every level so equal data hashes equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('audit hashing', () => {
  it('is a SHA-256 over the content including the previous hash', () => {
    const h = hashEvent(event());
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent(event())).toBe(h);
    expect(hashEvent(event({ prev_hash: 'f'.repeat(64) }))).not.toBe(h);
    expect(hashEvent(event({ after: { nameZh: '晋江', code: 'JINJIANG' } }))).not.toBe(h);
    expect(hashEvent(event({ after: { code: 'JINJIANG', nameZh: '晋江市' } }))).toBe(h);
    expect(hashEvent(event({ actor_name: 'someone' }))).not.toBe(h);
  });
});

describe('audit diff', () => {
  it('keeps only changed fields, and whole records on create and delete', () => {
    expect(diff({ a: 1, b: 2, version: 1 }, { a: 1, b: 3, version: 2 })).toEqual({ before: { b: 2 }, after: { b: 3 } });
    expect(diff(null, { a: 1, updatedAt: 'x' })).toEqual({ before: null, after: { a: 1 } });
    expect(diff({ a: 1 }, null)).toEqual({ before: { a: 1 }, after: null });
    expect(diff({ roles: ['a'] }, { roles: ['a', 'b'] })).toEqual({
      before: { roles: ['a'] },
      after: { roles: ['a', 'b'] },
    });
  });
});
