import { type Static, type TSchema, Type } from 'typebox';

export const Uuid = Type.String({ format: 'uuid', description: 'UUID' });
export const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 instant' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const Version = Type.Integer({ minimum: 1, maximum: 2147483647, description: 'Optimistic-concurrency version' });

/** Free text: stored exactly as typed (escaped on display), bounded in length. */
export const Text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });
/** A one-line name: at least one non-space character. */
export const Name = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

export const MAX_PAGE_SIZE = 100;
export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1 }),
    pageSize: Type.Integer({ minimum: 1 }),
  });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code' }),
      message: Type.String({ description: "Human-readable message in the caller's language" }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBodyT = Static<typeof ErrorBody>;

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });

/** A string enum from a readonly list of values: `{ type: 'string', enum: [...] }`, typed as the union. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
