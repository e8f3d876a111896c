import type { ItemDetailT } from '@zaitun/contracts';
import { expect } from 'vitest';
import type { Client } from './harness';

/** Registers and submits an item (a unit report, normal priority unless `fields` says otherwise); expects 201. */
export async function registerItem(by: Client, fields: Record<string, unknown>): Promise<ItemDetailT> {
  const res = await by.post<ItemDetailT>('/api/v1/items', {
    description: '',
    source: 'unit_report',
    priority: 'normal',
    submit: true,
    ...fields,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Applies an action at the item's current version; expects 200 and returns the new detail. */
export async function itemActOk(by: Client, d: ItemDetailT, action: string, extra: Record<string, unknown> = {}) {
  const res = await by.post<ItemDetailT>(`/api/v1/items/${d.item.id}/actions`, {
    action,
    version: d.item.version,
    ...extra,
  });
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** Registers an item and dispatches it to `leadUnitId` straight away, both by `hq`; returns the dispatched item. */
export async function dispatchedItem(hq: Client, leadUnitId: string, fields: Record<string, unknown>) {
  const created = await registerItem(hq, fields);
  return (await itemActOk(hq, created, 'dispatch', { leadUnitId })).item;
}
