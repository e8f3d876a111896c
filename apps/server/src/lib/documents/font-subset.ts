import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

// Why this exists: Chromium's PDF writer (Skia) embeds an OpenType/CFF font such as Noto CJK as a Type 3 font, and
// that costs about a second per face per print however few characters are used — it scales with the face's 65,535
// glyphs, not with the text (measured: one character of Noto Serif CJK SC 1.0–1.8 s, the same character from a
// 40-glyph subset of it 0.2 s; see docs/benchmarks.md). So before printing, the Noto faces are cut down with
// HarfBuzz (hb-subset, compiled to WebAssembly by `harfbuzzjs`) to the characters of the document, and handed to the
// page as @font-face data URLs under the family names below, which html.ts puts just before the Noto names.

/** The family names the print HTML uses for the subset faces (see html.ts font stacks). */
export const SUBSET_SERIF = 'Zaitun Noto Serif';
export const SUBSET_SANS = 'Zaitun Noto Sans';

type Weight = 400 | 700;

interface FaceSpec {
  family: string;
  weight: Weight;
  /** fontconfig pattern of the installed face to subset, and the family name it must resolve to. */
  pattern: string;
  installedFamily: string;
}

const FACES: readonly FaceSpec[] = [
  {
    family: SUBSET_SERIF,
    weight: 400,
    pattern: 'Noto Serif CJK SC:style=Regular',
    installedFamily: 'Noto Serif CJK SC',
  },
  { family: SUBSET_SERIF, weight: 700, pattern: 'Noto Serif CJK SC:style=Bold', installedFamily: 'Noto Serif CJK SC' },
  { family: SUBSET_SANS, weight: 400, pattern: 'Noto Sans CJK SC:style=Regular', installedFamily: 'Noto Sans CJK SC' },
  { family: SUBSET_SANS, weight: 700, pattern: 'Noto Sans CJK SC:style=Bold', installedFamily: 'Noto Sans CJK SC' },
];

// The exports of harfbuzz-subset.wasm this module calls (C API of hb-blob, hb-face, hb-set, hb-subset).
interface HarfBuzz {
  memory: { buffer: ArrayBuffer };
  _initialize?: () => void;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_get_empty(): number;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

// The server's lib (ES2022, no DOM) has no WebAssembly types: the one call used here.
declare const WebAssembly: { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }> };

const HB_MEMORY_MODE_READONLY = 1;

let harfbuzz: Promise<HarfBuzz> | null = null;

function loadHarfBuzz(): Promise<HarfBuzz> {
  harfbuzz ??= (async () => {
    const wasm = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
    const { instance } = await WebAssembly.instantiate(await fs.promises.readFile(wasm));
    const hb = instance.exports as unknown as HarfBuzz;
    hb._initialize?.();
    return hb;
  })();
  return harfbuzz;
}

/** Where an installed face is, by fontconfig; null when fontconfig is missing or names another family. */
async function locate(spec: FaceSpec): Promise<{ file: string; index: number } | null> {
  try {
    const { stdout } = await promisify(execFile)('fc-match', ['-f', '%{file}\n%{index}\n%{family}', spec.pattern], {
      timeout: 10_000,
    });
    const [file = '', index = '0', families = ''] = stdout.split('\n');
    if (!families.split(',').includes(spec.installedFamily) || !fs.existsSync(file)) return null;
    return { file, index: Number(index) || 0 };
  } catch {
    return null;
  }
}

// Where each installed face is, asked of fontconfig once. The face itself is copied into the WebAssembly memory for
// each subset and freed after it: that memory is fixed at 64 MB (harfbuzzjs is built without memory growth), too
// small to keep four 20–27 MB faces. The file comes from the page cache; a subset takes tens of milliseconds.
const locations = new Map<FaceSpec, Promise<{ file: string; index: number } | null>>();

function location(spec: FaceSpec): Promise<{ file: string; index: number } | null> {
  let found = locations.get(spec);
  if (!found) {
    found = locate(spec);
    locations.set(spec, found);
  }
  return found;
}

/** Subsets one installed face; synchronous once the file is read, so concurrent documents never share the memory. */
function subsetFile(hb: HarfBuzz, data: Buffer, index: number, codepoints: ReadonlySet<number>): Buffer | null {
  const ptr = hb.malloc(data.byteLength);
  if (ptr === 0) return null;
  try {
    new Uint8Array(hb.memory.buffer).set(data, ptr);
    const blob = hb.hb_blob_create(ptr, data.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
    const face = hb.hb_face_create(blob, index);
    hb.hb_blob_destroy(blob);
    try {
      // A bad file or index gives HarfBuzz's empty face.
      return face === hb.hb_face_get_empty() ? null : subset(hb, face, codepoints);
    } finally {
      hb.hb_face_destroy(face);
    }
  } finally {
    hb.free(ptr);
  }
}

function subset(hb: HarfBuzz, source: number, codepoints: ReadonlySet<number>): Buffer | null {
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) return null;
  let result = 0;
  try {
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const codepoint of codepoints) hb.hb_set_add(unicodes, codepoint);
    result = hb.hb_subset_or_fail(source, input);
  } finally {
    hb.hb_subset_input_destroy(input);
  }
  if (result === 0) return null;
  const blob = hb.hb_face_reference_blob(result);
  try {
    const length = hb.hb_blob_get_length(blob);
    if (length === 0) return null;
    // Copy out before anything else can grow (and so detach) the WebAssembly memory.
    return Buffer.from(new Uint8Array(hb.memory.buffer, hb.hb_blob_get_data(blob, 0), length));
  } finally {
    hb.hb_blob_destroy(blob);
    hb.hb_face_destroy(result);
  }
}

// Always kept, whatever the text: printable ASCII, and what CSS generates (page numbers `— 12 —`, list markers).
const ALWAYS = [...Array.from({ length: 95 }, (_, index) => 0x20 + index), 0x2014, 0x00a0, 0x3000];

/**
 * `@font-face` rules (data URLs) for the Noto CJK SC faces cut down to the characters of `text`, under the families
 * SUBSET_SERIF and SUBSET_SANS (regular; bold too when `bold`). Empty when HarfBuzz, fontconfig or the fonts are
 * missing: the page then falls back to the installed Noto faces (same look, slower print).
 */
export async function subsetFontFaces(text: string, bold: boolean): Promise<string> {
  const codepoints = new Set<number>(ALWAYS);
  for (const char of text) codepoints.add(char.codePointAt(0) ?? 0x20);
  const specs = FACES.filter((spec) => bold || spec.weight === 400);
  let hb: HarfBuzz;
  try {
    hb = await loadHarfBuzz();
  } catch {
    return '';
  }
  const rules: string[] = [];
  for (const spec of specs) {
    const where = await location(spec);
    if (!where) continue;
    const data = await fs.promises.readFile(where.file).catch(() => null);
    const font = data && subsetFile(hb, data, where.index, codepoints);
    if (!font) continue;
    rules.push(
      `@font-face { font-family: "${spec.family}"; font-weight: ${spec.weight}; font-style: normal; font-display: swap; src: url(data:font/otf;base64,${font.toString('base64')}) format("opentype"); }`,
    );
  }
  return rules.join('\n');
}

/** Loads HarfBuzz and finds the faces ahead of the first document (used when the PDF renderer warms up). */
export async function preloadSubsetFonts(): Promise<void> {
  await subsetFontFaces('', false);
}
