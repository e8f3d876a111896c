/**
 * Request validation. Bodies are checked strictly (no type coercion, unknown fields rejected); query strings and
 * path parameters arrive as text, so they are coerced to the declared types.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const base: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };
const bodyAjv = addFormats(new Ajv({ ...base, coerceTypes: false }));
const textAjv = addFormats(new Ajv({ ...base, coerceTypes: true }));

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};

/** PostgreSQL text cannot hold NUL; refuse it up front rather than fail in the database. */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}

/**
 * Checks an already-parsed value against a contract schema, without coercion (for checks a route's own schema
 * cannot express, e.g. the parameters an import type requires). Answers the problems as VALIDATION_FAILED details.
 */
export function schemaProblems(schema: object, value: unknown): { path: string; message: string }[] {
  const validate = bodyAjv.compile(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath || (e.params && 'missingProperty' in e.params ? `/${e.params.missingProperty}` : '/'),
    message: e.message ?? 'invalid',
  }));
}
