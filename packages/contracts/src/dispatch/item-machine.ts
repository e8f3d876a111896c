/**
 * The dispatch item's state machine (DESIGN.md, "The dispatch item"), as a table. Pure: the server decides every
 * action with it (role, state, required fields, guards) and the web shows only the buttons it allows.
 */
import { type Actor, can } from '../permissions';

export const ITEM_STATES = [
  'draft',
  'pending_dispatch',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** States in which the item is someone's open work (the clocks run in assigned and in_progress). */
export const OPEN_STATES: readonly ItemState[] = ['draft', 'pending_dispatch', 'assigned', 'in_progress', 'resolved'];
export const CLOCK_STATES: readonly ItemState[] = ['assigned', 'in_progress'];

export const ITEM_ACTIONS = [
  'submit',
  'dispatch',
  'cancel',
  'merge',
  'sign',
  'return',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'progress',
  'contribute',
  'waive',
  'resolve',
  'verify',
  'reject',
  'reopen',
  'urge',
  'escalate',
  'flag',
  'unflag',
  'rate',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/**
 * How the actor stands to the item. `dispatcher`: the HQ office (item.dispatch). `lead` / `co`: staff of the lead
 * unit / of a co-unit (item.handle). `raiser`: the user who raised it, or staff of the unit that raised it.
 */
export const ITEM_RELATIONS = ['dispatcher', 'lead', 'co', 'raiser'] as const;
export type ItemRelation = (typeof ITEM_RELATIONS)[number];

/** Fields an action needs in its request. */
export type ItemField = 'reason' | 'leadUnitId' | 'deadline' | 'answer' | 'mergeIntoId' | 'note' | 'unitId' | 'rating';

export interface TransitionRule {
  from: readonly ItemState[];
  action: ItemAction;
  by: readonly ItemRelation[];
  /** Target state; null: the state does not change. */
  to: ItemState | null;
  needs?: readonly ItemField[];
  /** Counts as a redo (重办). */
  redo?: boolean;
}

const CLOCK = CLOCK_STATES;

/** The table. An action not listed for a state is refused with ITEM_INVALID_TRANSITION. */
export const ITEM_TRANSITIONS: readonly TransitionRule[] = [
  { from: ['draft'], action: 'submit', by: ['raiser', 'dispatcher'], to: 'pending_dispatch' },
  { from: ['pending_dispatch'], action: 'dispatch', by: ['dispatcher'], to: 'assigned', needs: ['leadUnitId'] },
  { from: ['pending_dispatch'], action: 'cancel', by: ['dispatcher'], to: 'cancelled', needs: ['reason'] },
  { from: ['pending_dispatch'], action: 'merge', by: ['dispatcher'], to: 'cancelled', needs: ['mergeIntoId'] },
  { from: ['assigned'], action: 'sign', by: ['lead'], to: 'in_progress' },
  { from: ['assigned'], action: 'return', by: ['lead'], to: 'pending_dispatch', needs: ['reason'] },
  {
    from: ['in_progress'],
    action: 'request_extension',
    by: ['lead'],
    to: null,
    needs: ['reason', 'deadline'],
  },
  { from: ['in_progress'], action: 'approve_extension', by: ['dispatcher'], to: null },
  { from: ['in_progress'], action: 'deny_extension', by: ['dispatcher'], to: null, needs: ['reason'] },
  { from: ['in_progress'], action: 'progress', by: ['lead', 'co'], to: null, needs: ['note'] },
  { from: CLOCK, action: 'contribute', by: ['co'], to: null, needs: ['note'] },
  { from: CLOCK, action: 'waive', by: ['dispatcher'], to: null, needs: ['unitId'] },
  { from: ['in_progress'], action: 'resolve', by: ['lead'], to: 'resolved', needs: ['answer'] },
  { from: ['resolved'], action: 'verify', by: ['dispatcher'], to: 'closed' },
  { from: ['resolved'], action: 'reject', by: ['dispatcher'], to: 'in_progress', needs: ['reason'], redo: true },
  { from: ['closed'], action: 'reopen', by: ['dispatcher'], to: 'in_progress', needs: ['reason'], redo: true },
  { from: CLOCK, action: 'urge', by: ['dispatcher'], to: null },
  { from: CLOCK, action: 'escalate', by: ['dispatcher'], to: null },
  { from: ['pending_dispatch', 'assigned', 'in_progress'], action: 'flag', by: ['dispatcher', 'lead'], to: null },
  { from: ['pending_dispatch', 'assigned', 'in_progress'], action: 'unflag', by: ['dispatcher'], to: null },
  { from: ['closed'], action: 'rate', by: ['raiser'], to: null, needs: ['rating'] },
];

/** What the guards need to know about the item beyond its state. */
export interface ItemFacts {
  state: ItemState;
  pendingExtension: boolean;
  /** Co-units whose part is still open. */
  openCoUnits: readonly string[];
  /** The actor's own co-unit part is open (for `contribute`). */
  ownCoPartOpen: boolean;
  rated: boolean;
  flagged: boolean;
  escalation: 'yellow' | 'red' | null;
}

export type ItemInput = Partial<Record<ItemField, unknown>>;

export type Decision =
  | { ok: true; rule: TransitionRule; to: ItemState }
  | {
      ok: false;
      code: 'ITEM_INVALID_TRANSITION' | 'FORBIDDEN' | 'REASON_REQUIRED' | 'FIELD_REQUIRED' | 'CO_UNITS_OPEN';
      details?: Record<string, unknown>;
    };

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The rule for an action in a state, if the table has one. */
export function ruleFor(state: ItemState, action: ItemAction): TransitionRule | undefined {
  return ITEM_TRANSITIONS.find((r) => r.action === action && r.from.includes(state));
}

/** A guard that holds besides state and role; returns the failed reason, or null. */
function guard(action: ItemAction, facts: ItemFacts): string | null {
  switch (action) {
    case 'request_extension':
      return facts.pendingExtension ? 'extension_pending' : null;
    case 'approve_extension':
    case 'deny_extension':
      return facts.pendingExtension ? null : 'no_pending_extension';
    case 'contribute':
      return facts.ownCoPartOpen ? null : 'co_part_not_open';
    case 'rate':
      return facts.rated ? 'already_rated' : null;
    case 'flag':
      return facts.flagged ? 'already_flagged' : null;
    case 'unflag':
      return facts.flagged ? null : 'not_flagged';
    case 'escalate':
      return facts.escalation === 'red' ? 'already_red' : null;
    default:
      return null;
  }
}

/**
 * Decides an action: state first (409), then who (403), then the fields it needs (400), then its guards (409).
 */
export function decide(
  facts: ItemFacts,
  action: ItemAction,
  relations: readonly ItemRelation[],
  input: ItemInput = {},
): Decision {
  const rule = ruleFor(facts.state, action);
  if (!rule) return { ok: false, code: 'ITEM_INVALID_TRANSITION', details: { state: facts.state, action } };
  if (!rule.by.some((r) => relations.includes(r))) return { ok: false, code: 'FORBIDDEN' };
  for (const field of rule.needs ?? []) {
    if (blank(input[field])) {
      return field === 'reason'
        ? { ok: false, code: 'REASON_REQUIRED', details: { field } }
        : { ok: false, code: 'FIELD_REQUIRED', details: { field } };
    }
  }
  const failed = guard(action, facts);
  if (failed) return { ok: false, code: 'ITEM_INVALID_TRANSITION', details: { state: facts.state, action, failed } };
  if (action === 'resolve' && facts.openCoUnits.length > 0) {
    return { ok: false, code: 'CO_UNITS_OPEN', details: { unitIds: facts.openCoUnits } };
  }
  return { ok: true, rule, to: rule.to ?? facts.state };
}

/** The actions the actor may take now (for buttons), ignoring required fields. */
export function availableActions(facts: ItemFacts, relations: readonly ItemRelation[]): ItemAction[] {
  return ITEM_ACTIONS.filter((a) => {
    const d = decide(facts, a, relations, ALL_FIELDS);
    return d.ok || d.code === 'CO_UNITS_OPEN';
  });
}
const ALL_FIELDS: ItemInput = {
  reason: 'x',
  leadUnitId: 'x',
  deadline: 'x',
  answer: 'x',
  mergeIntoId: 'x',
  note: 'x',
  unitId: 'x',
  rating: 5,
};

/** What the policy needs to know about an item to place the actor. */
export interface ItemParties {
  leadUnitId: string | null;
  coUnitIds: readonly string[];
  raisedByUserId: string;
  raisedByUnitId: string | null;
}

/** How the actor stands to the item (pure; the server still checks visibility with SQL). */
export function relationsOf(actor: Actor, item: ItemParties): ItemRelation[] {
  const rel: ItemRelation[] = [];
  if (can(actor, 'item.dispatch')) rel.push('dispatcher');
  if (can(actor, 'item.handle') && actor.unitId) {
    if (item.leadUnitId === actor.unitId) rel.push('lead');
    if (item.coUnitIds.includes(actor.unitId)) rel.push('co');
  }
  if (
    item.raisedByUserId === actor.userId ||
    (can(actor, 'item.create') && !!actor.unitId && item.raisedByUnitId === actor.unitId)
  ) {
    rel.push('raiser');
  }
  return rel;
}

/** States in which an item's fields may still be edited (before it is dispatched). */
export const EDITABLE_STATES: readonly ItemState[] = ['draft', 'pending_dispatch'];

/** Who may edit an item's fields: whoever raised it, or the dispatcher. */
export const isItemEditor = (relations: readonly ItemRelation[]): boolean =>
  relations.includes('raiser') || relations.includes('dispatcher');

/** Whether the actor may edit the item's fields now (the server enforces the same rule on PATCH). */
export const canEditItem = (state: ItemState, relations: readonly ItemRelation[]): boolean =>
  EDITABLE_STATES.includes(state) && isItemEditor(relations);
