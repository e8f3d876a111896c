import { describe, expect, it } from 'vitest';
import type { Actor } from '../permissions';
import {
  availableActions,
  decide,
  ITEM_ACTIONS,
  ITEM_RELATIONS,
  ITEM_STATES,
  type ItemAction,
  type ItemFacts,
  type ItemRelation,
  type ItemState,
  relationsOf,
} from './item-machine';

/**
 * The expected machine, written out by hand from DESIGN.md ("The dispatch item") — independent of the table in
 * item-machine.ts. Key `state action` → who may do it → resulting state.
 */
const EXPECTED: Record<string, { by: ItemRelation[]; to: ItemState }> = {
  'draft submit': { by: ['raiser', 'dispatcher'], to: 'pending_dispatch' },
  'pending_dispatch dispatch': { by: ['dispatcher'], to: 'assigned' },
  'pending_dispatch cancel': { by: ['dispatcher'], to: 'cancelled' },
  'pending_dispatch merge': { by: ['dispatcher'], to: 'cancelled' },
  'assigned sign': { by: ['lead'], to: 'in_progress' },
  'assigned return': { by: ['lead'], to: 'pending_dispatch' },
  'in_progress request_extension': { by: ['lead'], to: 'in_progress' },
  'in_progress approve_extension': { by: ['dispatcher'], to: 'in_progress' },
  'in_progress deny_extension': { by: ['dispatcher'], to: 'in_progress' },
  'in_progress progress': { by: ['lead', 'co'], to: 'in_progress' },
  'assigned contribute': { by: ['co'], to: 'assigned' },
  'in_progress contribute': { by: ['co'], to: 'in_progress' },
  'assigned waive': { by: ['dispatcher'], to: 'assigned' },
  'in_progress waive': { by: ['dispatcher'], to: 'in_progress' },
  'in_progress resolve': { by: ['lead'], to: 'resolved' },
  'resolved verify': { by: ['dispatcher'], to: 'closed' },
  'resolved reject': { by: ['dispatcher'], to: 'in_progress' },
  'closed reopen': { by: ['dispatcher'], to: 'in_progress' },
  'assigned urge': { by: ['dispatcher'], to: 'assigned' },
  'in_progress urge': { by: ['dispatcher'], to: 'in_progress' },
  'assigned escalate': { by: ['dispatcher'], to: 'assigned' },
  'in_progress escalate': { by: ['dispatcher'], to: 'in_progress' },
  'pending_dispatch flag': { by: ['dispatcher', 'lead'], to: 'pending_dispatch' },
  'assigned flag': { by: ['dispatcher', 'lead'], to: 'assigned' },
  'in_progress flag': { by: ['dispatcher', 'lead'], to: 'in_progress' },
  'pending_dispatch unflag': { by: ['dispatcher'], to: 'pending_dispatch' },
  'assigned unflag': { by: ['dispatcher'], to: 'assigned' },
  'in_progress unflag': { by: ['dispatcher'], to: 'in_progress' },
  'closed rate': { by: ['raiser'], to: 'closed' },
};

/** Facts under which every guard passes for the action (so the test isolates state × role). */
function factsFor(state: ItemState, action: ItemAction): ItemFacts {
  return {
    state,
    pendingExtension: action === 'approve_extension' || action === 'deny_extension',
    openCoUnits: [],
    ownCoPartOpen: true,
    rated: false,
    flagged: action === 'unflag',
    escalation: null,
  };
}
const FULL_INPUT = {
  reason: '理由',
  leadUnitId: 'u',
  deadline: '2026-12-31T10:00:00Z',
  answer: '答复',
  mergeIntoId: 'i',
  note: '说明',
  unitId: 'u',
  rating: 4,
};

describe('item state machine: every state × action × role', () => {
  for (const state of ITEM_STATES) {
    for (const action of ITEM_ACTIONS) {
      for (const relation of ITEM_RELATIONS) {
        const expected = EXPECTED[`${state} ${action}`];
        const outcome = !expected ? 'invalid' : expected.by.includes(relation) ? `→ ${expected.to}` : 'forbidden';
        it(`${state} · ${action} · ${relation}: ${outcome}`, () => {
          const d = decide(factsFor(state, action), action, [relation], FULL_INPUT);
          if (!expected) {
            expect(d).toMatchObject({ ok: false, code: 'ITEM_INVALID_TRANSITION' });
          } else if (expected.by.includes(relation)) {
            expect(d).toMatchObject({ ok: true, to: expected.to });
          } else {
            expect(d).toMatchObject({ ok: false, code: 'FORBIDDEN' });
          }
        });
      }
    }
  }

  it('a user with no relation to the item can do nothing', () => {
    for (const state of ITEM_STATES) expect(availableActions(factsFor(state, 'submit'), [])).toEqual([]);
  });
});

describe('item state machine: required fields and guards', () => {
  const inProgress = factsFor('in_progress', 'resolve');

  it('return, reject, reopen, cancel and extension need a reason (400), not a blank one', () => {
    expect(decide(factsFor('assigned', 'return'), 'return', ['lead'], {})).toMatchObject({ code: 'REASON_REQUIRED' });
    expect(decide(factsFor('assigned', 'return'), 'return', ['lead'], { reason: '  ' })).toMatchObject({
      code: 'REASON_REQUIRED',
    });
    expect(decide(factsFor('resolved', 'reject'), 'reject', ['dispatcher'], {})).toMatchObject({
      code: 'REASON_REQUIRED',
    });
    expect(decide(factsFor('closed', 'reopen'), 'reopen', ['dispatcher'], {})).toMatchObject({
      code: 'REASON_REQUIRED',
    });
    expect(decide(inProgress, 'request_extension', ['lead'], { deadline: 'x' })).toMatchObject({
      code: 'REASON_REQUIRED',
    });
    expect(decide(inProgress, 'request_extension', ['lead'], { reason: '原因' })).toMatchObject({
      code: 'FIELD_REQUIRED',
      details: { field: 'deadline' },
    });
  });

  it('dispatch needs a lead unit; resolve needs an answer', () => {
    expect(decide(factsFor('pending_dispatch', 'dispatch'), 'dispatch', ['dispatcher'], {})).toMatchObject({
      code: 'FIELD_REQUIRED',
      details: { field: 'leadUnitId' },
    });
    expect(decide(inProgress, 'resolve', ['lead'], {})).toMatchObject({ code: 'FIELD_REQUIRED' });
  });

  it('the lead cannot resolve while a co-unit part is open', () => {
    const d = decide({ ...inProgress, openCoUnits: ['co-1'] }, 'resolve', ['lead'], { answer: '已解决' });
    expect(d).toMatchObject({ ok: false, code: 'CO_UNITS_OPEN', details: { unitIds: ['co-1'] } });
    expect(availableActions({ ...inProgress, openCoUnits: ['co-1'] }, ['lead'])).toContain('resolve');
  });

  it('one extension request at a time; decisions only on a pending one', () => {
    expect(
      decide({ ...inProgress, pendingExtension: true }, 'request_extension', ['lead'], { reason: 'r', deadline: 'd' }),
    ).toMatchObject({ code: 'ITEM_INVALID_TRANSITION', details: { failed: 'extension_pending' } });
    expect(decide({ ...inProgress, pendingExtension: false }, 'approve_extension', ['dispatcher'])).toMatchObject({
      code: 'ITEM_INVALID_TRANSITION',
    });
  });

  it('a closed item is rated once; a red card cannot be raised again; a co-unit contributes once', () => {
    expect(decide({ ...factsFor('closed', 'rate'), rated: true }, 'rate', ['raiser'], { rating: 3 })).toMatchObject({
      code: 'ITEM_INVALID_TRANSITION',
    });
    expect(decide({ ...inProgress, escalation: 'red' }, 'escalate', ['dispatcher'])).toMatchObject({
      code: 'ITEM_INVALID_TRANSITION',
    });
    expect(decide({ ...inProgress, ownCoPartOpen: false }, 'contribute', ['co'], { note: 'n' })).toMatchObject({
      code: 'ITEM_INVALID_TRANSITION',
    });
  });

  it('reject and reopen count as a redo', () => {
    const reject = decide(factsFor('resolved', 'reject'), 'reject', ['dispatcher'], { reason: '不满意' });
    const verify = decide(factsFor('resolved', 'verify'), 'verify', ['dispatcher']);
    expect(reject.ok && reject.rule.redo).toBe(true);
    expect(verify.ok && verify.rule.redo).toBeFalsy();
  });

  it('state is checked before role: a dispatcher verifying an open item gets 409, not 403', () => {
    expect(decide(inProgress, 'verify', ['dispatcher'])).toMatchObject({ code: 'ITEM_INVALID_TRANSITION' });
    expect(decide(factsFor('resolved', 'verify'), 'verify', ['lead'])).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('relationsOf', () => {
  const item = { leadUnitId: 'jinjiang', coUnitIds: ['shishi'], raisedByUserId: 'u-raiser', raisedByUnitId: 'nanan' };
  const actor = (roles: Actor['roles'], unitId: string | null, userId = 'u1'): Actor => ({
    userId,
    roles,
    unitId,
    unitPath: unitId ? `/hq/${unitId}/` : null,
  });

  it('places each kind of user', () => {
    expect(relationsOf(actor(['hq_dispatcher'], 'office'), item)).toEqual(['dispatcher']);
    expect(relationsOf(actor(['unit_staff'], 'jinjiang'), item)).toEqual(['lead']);
    expect(relationsOf(actor(['unit_admin'], 'shishi'), item)).toEqual(['co']);
    expect(relationsOf(actor(['unit_staff'], 'nanan'), item)).toEqual(['raiser']);
    expect(relationsOf(actor(['leader'], 'hq', 'u-raiser'), item)).toEqual(['raiser']);
    expect(relationsOf(actor(['leader'], 'hq'), item)).toEqual([]);
    expect(relationsOf(actor(['unit_staff'], 'dehua'), item)).toEqual([]);
  });

  it('an API token without the permission loses the relation', () => {
    expect(relationsOf({ ...actor(['unit_staff'], 'jinjiang'), tokenPermissions: ['item.read'] }, item)).toEqual([]);
  });
});
