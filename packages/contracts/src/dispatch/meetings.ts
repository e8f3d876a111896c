/** Dispatch meetings (调度会): numbered per year, an agenda prepared from the open items, decisions, minutes. */
import { type Static, Type } from 'typebox';
import { DateTime, Name, Nullable, Page, PageQuery, StringEnum, Text, Uuid, Version } from '../common';
import { DictCode, ItemPrioritySchema, ItemStateSchema, LightSchema } from './items';
import { OrderStateSchema } from './orders';

export const MEETING_TYPES = ['regular', 'special'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
export const MEETING_STATES = ['planned', 'held'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];
/** Why an entry is on the agenda, in the order the agenda takes them. */
export const AGENDA_REASONS = ['red', 'yellow', 'flagged', 'coordination', 'manual'] as const;
export type AgendaReason = (typeof AGENDA_REASONS)[number];
/** item: a new item (source meeting_decision); order: the entry's item goes into the meeting's draft order. */
export const DECISION_KINDS = ['item', 'order', 'note'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const MAX_ATTENDING_UNITS = 100;

export const Meeting = Type.Object({
  id: Uuid,
  year: Type.Integer(),
  seq: Type.Integer(),
  /** `2026年第3次调度会`. */
  number: Type.String(),
  type: StringEnum(MEETING_TYPES),
  title: Type.String(),
  heldAt: DateTime,
  place: Type.String(),
  chair: Type.String(),
  attendingUnitIds: Type.Array(Uuid),
  state: StringEnum(MEETING_STATES),
  minutes: Type.String(),
  createdBy: Uuid,
  agendaCount: Type.Integer(),
  decidedCount: Type.Integer(),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type MeetingT = Static<typeof Meeting>;

export const AgendaEntry = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  itemId: Nullable(Uuid),
  itemNumber: Nullable(Type.String()),
  itemState: Nullable(ItemStateSchema),
  itemLight: Nullable(LightSchema),
  itemDeadline: Nullable(DateTime),
  /** The lead unit of the item (the raising unit while not dispatched), or the unit a manual entry names. */
  unitId: Nullable(Uuid),
  topic: Type.String(),
  reason: StringEnum(AGENDA_REASONS),
  decisionKind: Nullable(StringEnum(DECISION_KINDS)),
  decision: Type.String(),
  createdItemId: Nullable(Uuid),
  createdItemNumber: Nullable(Type.String()),
  orderId: Nullable(Uuid),
  orderNumber: Nullable(Type.String()),
  orderState: Nullable(OrderStateSchema),
  version: Type.Integer(),
});
export type AgendaEntryT = Static<typeof AgendaEntry>;

export const MeetingDetail = Type.Object({
  meeting: Meeting,
  agenda: Type.Array(AgendaEntry),
  /** The caller may change the meeting (dispatcher). */
  editable: Type.Boolean(),
});
export type MeetingDetailT = Static<typeof MeetingDetail>;

export const MeetingListQuery = Type.Object(
  {
    ...PageQuery,
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    state: Type.Optional(StringEnum(MEETING_STATES)),
    type: Type.Optional(StringEnum(MEETING_TYPES)),
    q: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
export const MeetingPage = Page(Meeting);

const UnitIds = Type.Array(Uuid, { maxItems: MAX_ATTENDING_UNITS, uniqueItems: true });

export const CreateMeetingBody = Type.Object(
  {
    type: StringEnum(MEETING_TYPES),
    title: Name(200),
    heldAt: DateTime,
    place: Type.Optional(Text(200)),
    chair: Type.Optional(Text(100)),
    attendingUnitIds: Type.Optional(UnitIds),
  },
  { additionalProperties: false },
);

export const UpdateMeetingBody = Type.Object(
  {
    version: Version,
    type: Type.Optional(StringEnum(MEETING_TYPES)),
    title: Type.Optional(Name(200)),
    heldAt: Type.Optional(DateTime),
    place: Type.Optional(Text(200)),
    chair: Type.Optional(Text(100)),
    attendingUnitIds: Type.Optional(UnitIds),
    /** 纪要. */
    minutes: Type.Optional(Text(50000)),
  },
  { additionalProperties: false },
);

export const AgendaParams = Type.Object({ id: Uuid, entryId: Uuid }, { additionalProperties: false });

export const AddAgendaEntryBody = Type.Object(
  {
    /** The meeting's version (the agenda belongs to it). */
    version: Version,
    topic: Name(500),
    unitId: Type.Optional(Nullable(Uuid)),
    itemId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);

export const RemoveAgendaEntryQuery = Type.Object({ version: Version }, { additionalProperties: false });

/**
 * The decision on one agenda entry. kind `item` creates an item from `title` (default: the topic), dispatched at
 * once when `leadUnitId` is given; kind `order` needs an entry with an item.
 */
export const DecideAgendaBody = Type.Object(
  {
    version: Version,
    kind: StringEnum(DECISION_KINDS),
    decision: Text(5000),
    title: Type.Optional(Name(200)),
    category: Type.Optional(DictCode),
    priority: Type.Optional(ItemPrioritySchema),
    leadUnitId: Type.Optional(Uuid),
    coUnitIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
    deadline: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
