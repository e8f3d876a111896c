import { type Static, Type } from 'typebox';
import { DateTime, Name, Nullable, Page, PageQuery, StringEnum, Text, Uuid, Version } from '../common';
import { ITEM_ACTIONS, ITEM_RELATIONS, ITEM_STATES } from './item-machine';

export const ITEM_SOURCES = [
  'enterprise_demand',
  'meeting_decision',
  'unit_report',
  'leader_instruction',
  'coordination',
] as const;
export type ItemSource = (typeof ITEM_SOURCES)[number];
export const ITEM_PRIORITIES = ['urgent', 'high', 'normal'] as const;
export type ItemPriority = (typeof ITEM_PRIORITIES)[number];
export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];
export const ESCALATION_LEVELS = ['yellow', 'red'] as const;
export const CO_UNIT_STATUSES = ['open', 'done', 'waived'] as const;

export const ItemStateSchema = StringEnum(ITEM_STATES);
export const ItemActionSchema = StringEnum(ITEM_ACTIONS);
export const ItemSourceSchema = StringEnum(ITEM_SOURCES);
export const ItemPrioritySchema = StringEnum(ITEM_PRIORITIES);
export const LightSchema = StringEnum(LIGHTS);
const Tag = Type.String({ minLength: 1, maxLength: 20, pattern: '\\S' });
/** Dictionary code, e.g. `financing`. */
export const DictCode = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' });

export const CoUnit = Type.Object({
  unitId: Uuid,
  status: StringEnum(CO_UNIT_STATUSES),
  contribution: Nullable(Type.String()),
  doneAt: Nullable(DateTime),
});

export const Item = Type.Object({
  id: Uuid,
  /** Display number, per year without gaps: `2026-0042`. */
  number: Type.String(),
  year: Type.Integer(),
  seq: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  category: Type.String(),
  source: ItemSourceSchema,
  sourceRef: Type.String(),
  priority: ItemPrioritySchema,
  state: ItemStateSchema,
  countyUnitId: Nullable(Uuid),
  leadUnitId: Nullable(Uuid),
  coUnits: Type.Array(CoUnit),
  raisedByUserId: Uuid,
  raisedByName: Type.String(),
  raisedByUnitId: Nullable(Uuid),
  enterpriseId: Nullable(Uuid),
  tags: Type.Array(Type.String()),
  dispatchedAt: Nullable(DateTime),
  signBy: Nullable(DateTime),
  signedAt: Nullable(DateTime),
  deadline: Nullable(DateTime),
  originalDeadline: Nullable(DateTime),
  resolvedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  cancelledAt: Nullable(DateTime),
  /** The resolving clock's light while the clock runs (assigned, in progress); null otherwise. */
  light: Nullable(LightSchema),
  /** Assigned and not signed past its signing time. */
  signOverdue: Type.Boolean(),
  /**
   * While the clock runs (assigned, in progress): working days from today up to the deadline, both counted (a
   * deadline at today's end of business leaves 1); negative: working days past it; 0: it passed today. Null otherwise.
   */
  workingDaysLeft: Nullable(Type.Integer()),
  /** Whether the caller may edit the item's fields now (PATCH): its raiser or the dispatcher, before dispatch. */
  canEdit: Type.Boolean(),
  escalation: Nullable(StringEnum(ESCALATION_LEVELS)),
  urgeCount: Type.Integer(),
  redoCount: Type.Integer(),
  extensionCount: Type.Integer(),
  flaggedForMeeting: Type.Boolean(),
  answer: Nullable(Type.String()),
  rating: Nullable(Type.Integer()),
  ratingComment: Nullable(Type.String()),
  ratedAt: Nullable(DateTime),
  mergedIntoId: Nullable(Uuid),
  cancelReason: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type ItemT = Static<typeof Item>;

export const Extension = Type.Object({
  id: Uuid,
  requestedBy: Uuid,
  requestedByName: Type.String(),
  requestedAt: DateTime,
  reason: Type.String(),
  requestedDeadline: DateTime,
  state: StringEnum(['pending', 'approved', 'denied'] as const),
  decidedAt: Nullable(DateTime),
  decisionNote: Nullable(Type.String()),
});

export const Attachment = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  uploadedBy: Uuid,
  uploadedByName: Type.String(),
  unitId: Nullable(Uuid),
  eventId: Nullable(Type.String()),
  createdAt: DateTime,
});
export type AttachmentT = Static<typeof Attachment>;

export const ItemDetail = Type.Object({
  item: Item,
  /** How the caller stands to the item, and what it may do now. */
  relations: Type.Array(StringEnum(ITEM_RELATIONS)),
  actions: Type.Array(ItemActionSchema),
  extensions: Type.Array(Extension),
  attachments: Type.Array(Attachment),
  /** Years of the item's clocks the working-day calendar does not cover (deadlines then count weekends only). */
  uncoveredYears: Type.Array(Type.Integer()),
});
export type ItemDetailT = Static<typeof ItemDetail>;

export const ItemEvent = Type.Object({
  id: Type.String(),
  at: DateTime,
  actorUserId: Nullable(Uuid),
  actorName: Type.String(),
  actorUnitId: Nullable(Uuid),
  action: Type.String(),
  fromState: Nullable(ItemStateSchema),
  toState: Nullable(ItemStateSchema),
  note: Type.String(),
  data: Nullable(Type.Record(Type.String(), Type.Unknown())),
  public: Type.Boolean(),
});
export const ItemEventList = Type.Object({ items: Type.Array(ItemEvent), total: Type.Integer() });

export const ITEM_VIEWS = ['all', 'queue', 'board', 'supervision'] as const;
export const ITEM_BUCKETS = [
  'open',
  'to_sign',
  'in_progress',
  'due_soon',
  'overdue',
  'sign_overdue',
  'to_verify',
  'pending_dispatch',
  'extension_pending',
  'red_card',
  'yellow_card',
  'urged',
  'closed',
] as const;
export type ItemBucket = (typeof ITEM_BUCKETS)[number];
export const ITEM_SORTS = ['deadline', 'createdAt', 'number', 'updatedAt'] as const;

export const ItemListQuery = Type.Object(
  {
    ...PageQuery,
    /** all: everything the caller may see; queue: led by the caller's unit or a co-unit part. */
    view: Type.Optional(StringEnum(ITEM_VIEWS)),
    /** With view=queue: only what my unit leads, or only my unit's open co-unit parts (default both). */
    role: Type.Optional(StringEnum(['lead', 'co'] as const)),
    bucket: Type.Optional(StringEnum(ITEM_BUCKETS)),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    state: Type.Optional(ItemStateSchema),
    light: Type.Optional(LightSchema),
    priority: Type.Optional(ItemPrioritySchema),
    source: Type.Optional(ItemSourceSchema),
    category: Type.Optional(DictCode),
    leadUnitId: Type.Optional(Uuid),
    countyUnitId: Type.Optional(Uuid),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    flagged: Type.Optional(Type.Boolean()),
    sort: Type.Optional(StringEnum(ITEM_SORTS)),
    order: Type.Optional(StringEnum(['asc', 'desc'] as const)),
  },
  { additionalProperties: false },
);
export type ItemListQueryT = Static<typeof ItemListQuery>;
export const ItemPage = Page(Item);

/** A comma-separated list of some of `values` in a query string (`buckets=to_sign,overdue`). */
const CsvOf = <const T extends readonly string[]>(values: T) =>
  Type.Unsafe<string>({
    type: 'string',
    pattern: `^(${values.join('|')})(,(${values.join('|')}))*$`,
    maxLength: 400,
  });
/** How many items fall under each of some keys (only the keys asked for are present). */
const CountsOf = <const T extends readonly string[]>(keys: T) =>
  Type.Unsafe<Partial<Record<T[number], number>>>({
    type: 'object',
    properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer' }])),
    additionalProperties: false,
  });

const { page: _page, pageSize: _pageSize, sort: _sort, order: _order, ...listFilters } = ItemListQuery.properties;

/**
 * The counts behind tabs and tiles: the list's view and filters, and which buckets, lights and states to count
 * within them (each list comma-separated). One set-based query answers them all.
 */
export const ItemCountsQuery = Type.Object(
  {
    ...listFilters,
    buckets: Type.Optional(CsvOf(ITEM_BUCKETS)),
    lights: Type.Optional(CsvOf(LIGHTS)),
    states: Type.Optional(CsvOf(ITEM_STATES)),
  },
  { additionalProperties: false },
);
export type ItemCountsQueryT = Static<typeof ItemCountsQuery>;
export const ItemCounts = Type.Object({
  /** Items matching the view and filters (what the list's `total` would be). */
  total: Type.Integer(),
  buckets: CountsOf(ITEM_BUCKETS),
  lights: CountsOf(LIGHTS),
  states: CountsOf(ITEM_STATES),
});
export type ItemCountsT = Static<typeof ItemCounts>;

export const CreateItemBody = Type.Object(
  {
    title: Name(200),
    description: Text(5000),
    category: DictCode,
    source: ItemSourceSchema,
    sourceRef: Type.Optional(Text(200)),
    priority: ItemPrioritySchema,
    countyUnitId: Type.Optional(Nullable(Uuid)),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 10, uniqueItems: true })),
    /** Submit to the dispatcher at once (otherwise the item stays a draft of the raiser). */
    submit: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateItemBody = Type.Object(
  {
    version: Version,
    title: Type.Optional(Name(200)),
    description: Type.Optional(Text(5000)),
    category: Type.Optional(DictCode),
    sourceRef: Type.Optional(Text(200)),
    priority: Type.Optional(ItemPrioritySchema),
    countyUnitId: Type.Optional(Nullable(Uuid)),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 10, uniqueItems: true })),
  },
  { additionalProperties: false },
);

/** One body for every action; the state machine says which fields an action needs. */
export const ItemActionBody = Type.Object(
  {
    action: ItemActionSchema,
    version: Version,
    reason: Type.Optional(Text(2000)),
    note: Type.Optional(Text(5000)),
    answer: Type.Optional(Text(5000)),
    leadUnitId: Type.Optional(Uuid),
    coUnitIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
    /** Dispatch: the resolving deadline (default: by priority in working days). Extension: the date asked for. */
    deadline: Type.Optional(DateTime),
    mergeIntoId: Type.Optional(Uuid),
    /** Waive: the co-unit whose part is waived. */
    unitId: Type.Optional(Uuid),
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    /** Escalate: the card level (default: the next one). */
    level: Type.Optional(StringEnum(ESCALATION_LEVELS)),
    /** Progress notes: shown to an enterprise that raised the item. */
    public: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const DeadlinePreviewQuery = Type.Object(
  {
    priority: ItemPrioritySchema,
    /** Start instant (default now). */
    from: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export const DeadlinePreview = Type.Object({
  from: DateTime,
  deadline: DateTime,
  signBy: DateTime,
  workingDays: Type.Integer(),
  uncoveredYears: Type.Array(Type.Integer()),
});

export const AttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid }, { additionalProperties: false });
