/**
 * Abandoned import previews: an upload keeps its validated rows until it is committed, and a preview nobody
 * commits would keep them forever. Every run deletes, set-based, the previews older than `IMPORT_PREVIEW_TTL_HOURS`
 * (a preview's rows and summary are all it stores; the uploaded file itself is never kept).
 */
import type { Db } from '../db/database';
import type { Clock } from '../lib/clock';
import { deleteStalePreviews } from '../modules/imports/imports.repository';

export interface ImportCleanupSummary {
  deleted: number;
}

export const DEFAULT_IMPORT_PREVIEW_TTL_HOURS = 24;

export async function cleanupImportPreviews(db: Db, clock: Clock, ttlHours: number): Promise<ImportCleanupSummary> {
  const cutoff = new Date(clock.now().getTime() - ttlHours * 3_600_000);
  return { deleted: await deleteStalePreviews(db, cutoff) };
}
