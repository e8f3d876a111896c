/** The column-spec language shared by the importer and the template writer. */

export type XlsxLocale = 'zh-CN' | 'en-US';
export type Bilingual = Record<XlsxLocale, string>;

export type ColumnKind = 'string' | 'number' | 'integer' | 'date' | 'boolean' | 'enum';

export interface ColumnSpec<K extends string> {
  key: K;
  /**
   * Column title in each language. A column under a two-level (merged) header is written `top/sub`,
   * e.g. `1-本月累计/金额`; see `parseXlsx` for how such headers are matched.
   */
  header: Bilingual;
  /** Other titles accepted on import (old templates, common synonyms). */
  aliases?: string[];
  required?: boolean;
  kind: ColumnKind;
  /** Allowed values of an `enum` column; a cell matching one case-insensitively is stored as written here. */
  values?: readonly string[];
  /** In characters (code points), for `string` columns. */
  maxLength?: number;
  /** Value of the template's example row; dates as `YYYY-MM-DD`. */
  example?: string | number;
}

export interface ImportSpec<K extends string> {
  /** Identifies the register, e.g. `enterprises`; not shown to users. */
  type: string;
  sheetName: Bilingual;
  columns: ColumnSpec<K>[];
  /** Data rows (after the header) accepted in one file. */
  maxRows: number;
}

/**
 * Canonical form used to compare header titles and enum values: NFKC (full-width letters, digits and
 * punctuation become half-width), no whitespace of any width, lower case, no leading/trailing `*`
 * (templates often mark required columns with one).
 */
export const normalizeLabel = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .toLowerCase();

/** Throws on a spec that cannot work (a programming error, not a user's). */
export function assertValidSpec<K extends string>(spec: ImportSpec<K>): void {
  const keys = new Set<string>();
  const labels = new Map<string, string>();
  for (const column of spec.columns) {
    if (keys.has(column.key)) throw new Error(`xlsx spec ${spec.type}: duplicate key ${column.key}`);
    keys.add(column.key);
    if (column.kind === 'enum' && !column.values?.length) {
      throw new Error(`xlsx spec ${spec.type}: enum column ${column.key} has no values`);
    }
    for (const label of new Set([column.header['zh-CN'], column.header['en-US'], ...(column.aliases ?? [])])) {
      const normalized = normalizeLabel(label);
      const owner = labels.get(normalized);
      if (owner !== undefined && owner !== column.key) {
        throw new Error(`xlsx spec ${spec.type}: header "${label}" names both ${owner} and ${column.key}`);
      }
      labels.set(normalized, column.key);
    }
  }
  if (!Number.isInteger(spec.maxRows) || spec.maxRows < 1) {
    throw new Error(`xlsx spec ${spec.type}: maxRows must be a positive integer`);
  }
}
