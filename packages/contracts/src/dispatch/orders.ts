/** Assignment orders (交办单): numbered per year, addressed to the units of their items, confirmed by each unit. */
import { type Static, Type } from 'typebox';
import { DateTime, Nullable, Page, PageQuery, StringEnum, Text, Uuid, Version } from '../common';
import { ItemStateSchema, LightSchema } from './items';

export const ORDER_STATES = ['draft', 'issued', 'completed', 'withdrawn'] as const;
export type OrderState = (typeof ORDER_STATES)[number];
/** issue: draft → issued (the number is allocated now); withdraw: draft or issued → withdrawn; confirm: 签收. */
export const ORDER_ACTIONS = ['issue', 'withdraw', 'confirm'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];
export const ORDER_UNIT_ROLES = ['lead', 'co'] as const;
export type OrderUnitRole = (typeof ORDER_UNIT_ROLES)[number];
/** Most items one order may bundle. */
export const MAX_ORDER_ITEMS = 100;

export const OrderStateSchema = StringEnum(ORDER_STATES);
/** A calendar day, `YYYY-MM-DD` (Beijing time). */
export const DateOnly = Type.String({ format: 'date', description: 'Calendar day YYYY-MM-DD' });

/** An addressee: the lead or co-unit of one of the order's items, and its confirmation of receipt. */
export const OrderUnit = Type.Object({
  unitId: Uuid,
  role: StringEnum(ORDER_UNIT_ROLES),
  confirmedAt: Nullable(DateTime),
  confirmedBy: Nullable(Uuid),
  confirmedByName: Nullable(Type.String()),
});
export type OrderUnitT = Static<typeof OrderUnit>;

export const Order = Type.Object({
  id: Uuid,
  year: Type.Integer(),
  /** Null until issued: a withdrawn draft leaves no gap in the numbering. */
  seq: Nullable(Type.Integer()),
  /** `泉内外贸交〔2026〕12号`; null until issued. */
  number: Nullable(Type.String()),
  title: Type.String(),
  requirements: Type.String(),
  feedbackDue: Nullable(DateOnly),
  state: OrderStateSchema,
  issuerUserId: Uuid,
  issuerName: Type.String(),
  issuerUnitId: Nullable(Uuid),
  meetingId: Nullable(Uuid),
  issuedAt: Nullable(DateTime),
  completedAt: Nullable(DateTime),
  withdrawnAt: Nullable(DateTime),
  withdrawReason: Nullable(Type.String()),
  itemCount: Type.Integer(),
  units: Type.Array(OrderUnit),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type OrderT = Static<typeof Order>;

/** One row of the order's items table. */
export const OrderItem = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  description: Type.String(),
  state: ItemStateSchema,
  light: Nullable(LightSchema),
  leadUnitId: Nullable(Uuid),
  coUnitIds: Type.Array(Uuid),
  deadline: Nullable(DateTime),
});
export type OrderItemT = Static<typeof OrderItem>;

export const OrderDetail = Type.Object({
  order: Order,
  items: Type.Array(OrderItem),
  /** What the caller may do now (the server checks again). */
  actions: Type.Array(StringEnum(ORDER_ACTIONS)),
  /** The caller may edit the draft (title, requirements, feedback date, items). */
  editable: Type.Boolean(),
});
export type OrderDetailT = Static<typeof OrderDetail>;

export const OrderListQuery = Type.Object(
  {
    ...PageQuery,
    state: Type.Optional(OrderStateSchema),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    /** Title or number (`12`, `〔2026〕12号`). */
    q: Type.Optional(Type.String({ maxLength: 50 })),
    /** Orders addressed to this unit. */
    unitId: Type.Optional(Uuid),
    meetingId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type OrderListQueryT = Static<typeof OrderListQuery>;
export const OrderPage = Page(Order);

const ItemIds = Type.Array(Uuid, { maxItems: MAX_ORDER_ITEMS, uniqueItems: true });

export const CreateOrderBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    requirements: Type.Optional(Text(5000)),
    feedbackDue: Type.Optional(Nullable(DateOnly)),
    /** Dispatched items, not closed or cancelled, not in another draft or issued order. */
    itemIds: Type.Optional(ItemIds),
  },
  { additionalProperties: false },
);

/** Edit a draft; `itemIds` replaces its items (the addressees follow). */
export const UpdateOrderBody = Type.Object(
  {
    version: Version,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    requirements: Type.Optional(Text(5000)),
    feedbackDue: Type.Optional(Nullable(DateOnly)),
    itemIds: Type.Optional(ItemIds),
  },
  { additionalProperties: false },
);

export const OrderActionBody = Type.Object(
  {
    action: StringEnum(ORDER_ACTIONS),
    version: Version,
    /** Withdraw: why. */
    reason: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);

export const OrderCandidatesQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
export const OrderCandidatePage = Page(OrderItem);
