/**
 * Form rules derived from the contract's JSON schemas, so that the form refuses what the server would refuse
 * (lengths, patterns, ranges) before sending it. Messages are i18n keys filled with the field's label.
 */
import type { Rule } from 'antd/es/form';
import { i18n } from '../i18n';

interface JsonSchemaLike {
  type?: string;
  anyOf?: JsonSchemaLike[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
}

/** Unwraps `Nullable(X)` to X. */
function core(schema: JsonSchemaLike): JsonSchemaLike {
  if (schema.anyOf) {
    const nonNull = schema.anyOf.filter((s) => s.type !== 'null');
    if (nonNull.length === 1 && nonNull[0]) return core(nonNull[0]);
  }
  return schema;
}

export interface RuleOptions {
  /** The field's label, used in messages. */
  label: string;
  required?: boolean;
  /** Message for a pattern or format mismatch (a generic one says nothing useful). */
  patternMessage?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `schema` is one property of a contract body, e.g. `CreateUnitBody.properties.code`. */
export function schemaRules(schema: object, { label, required = false, patternMessage }: RuleOptions): Rule[] {
  const s = core(schema as JsonSchemaLike);
  const t = i18n.t;
  const rules: Rule[] = [];
  if (required) rules.push({ required: true, message: t('validation.required', { field: label }) });
  if (s.type === 'string') {
    if (s.maxLength !== undefined) {
      rules.push({ max: s.maxLength, message: t('validation.maxLength', { field: label, max: s.maxLength }) });
    }
    if (s.minLength !== undefined && s.minLength > 1) {
      rules.push({ min: s.minLength, message: t('validation.minLength', { field: label, min: s.minLength }) });
    }
    if (s.pattern !== undefined) {
      const message = s.pattern === '\\S' ? t('validation.notBlank', { field: label }) : (patternMessage ?? label);
      rules.push({ pattern: new RegExp(s.pattern), message });
    }
    if (s.format === 'email') rules.push({ pattern: EMAIL, message: patternMessage ?? label });
  }
  if (s.type === 'integer' || s.type === 'number') {
    if (s.minimum !== undefined && s.maximum !== undefined) {
      rules.push({
        type: 'number',
        min: s.minimum,
        max: s.maximum,
        message: t('validation.range', { field: label, min: s.minimum, max: s.maximum }),
      });
    }
  }
  if (s.type === 'array' && s.minItems !== undefined) {
    rules.push({ type: 'array', min: s.minItems, message: t('validation.minItems', { min: s.minItems }) });
  }
  return rules;
}
