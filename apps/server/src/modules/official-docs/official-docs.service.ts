/**
 * Assignment orders and meeting minutes as downloadable official documents. The object is read exactly as its
 * own read route reads it (same scope: outside it → 404 like missing), mapped by official-docs.domain.ts and
 * rendered by lib/documents (Word always; PDF when Chromium is installed, else 503 PDF_UNAVAILABLE).
 * Downloads are reads: not audited, like the list exports.
 */
import type { DocumentDownloadFormat } from '@zaitun/contracts';
import type { Db } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import type { OfficialDocument } from '../../lib/documents/model';
import { renderPdf } from '../../lib/documents/pdf';
import { formatMeetingNumber } from '../meetings/meetings.domain';
import { getMeeting } from '../meetings/meetings.service';
import { getOrder } from '../orders/orders.service';
import { loadDocumentSettings } from '../settings/settings.repository';
import { minutesDocument, minutesFileName, minutesNumber, orderDocument, orderFileName } from './official-docs.domain';

export const DOCUMENT_CONTENT_TYPES: Record<DocumentDownloadFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export interface RenderedDocument {
  file: Buffer;
  fileName: string;
  contentType: string;
}

// The Word writer (docx) is loaded on the first download, not at start-up.
const renderDocx = async (doc: OfficialDocument) => (await import('../../lib/documents/docx')).renderDocx(doc);

const render = (doc: OfficialDocument, format: DocumentDownloadFormat) =>
  format === 'pdf' ? renderPdf(doc) : renderDocx(doc);

/** Chinese names of the given units (official documents are Chinese only). */
async function unitNames(db: Db, ids: string[]): Promise<(id: string) => string> {
  if (ids.length === 0) return () => '';
  const rows = await db.selectFrom('units').select(['id', 'name_zh']).where('id', 'in', ids).execute();
  const names = new Map(rows.map((r) => [r.id, r.name_zh]));
  return (id) => names.get(id) ?? '';
}

export async function orderDocumentFile(
  db: Db,
  ctx: AuthedContext,
  id: string,
  format: DocumentDownloadFormat,
  now: Date,
): Promise<RenderedDocument> {
  const { order, items } = await getOrder(db, ctx, id, now);
  const settings = (await loadDocumentSettings(db)).settings;
  const unitName = await unitNames(db, [
    ...order.units.map((u) => u.unitId),
    ...items.flatMap((i) => [...(i.leadUnitId ? [i.leadUnitId] : []), ...i.coUnitIds]),
  ]);
  const meeting = order.meetingId
    ? await db.selectFrom('meetings').select(['year', 'seq']).where('id', '=', order.meetingId).executeTakeFirst()
    : undefined;
  const doc = orderDocument({
    order,
    items,
    settings,
    unitName,
    meetingNumber: meeting ? formatMeetingNumber(meeting.year, meeting.seq) : null,
    today: now,
  });
  return {
    file: await render(doc, format),
    fileName: orderFileName(order, format),
    contentType: DOCUMENT_CONTENT_TYPES[format],
  };
}

export async function minutesDocumentFile(
  db: Db,
  ctx: AuthedContext,
  id: string,
  format: DocumentDownloadFormat,
  now: Date,
): Promise<RenderedDocument> {
  const { meeting, agenda } = await getMeeting(db, ctx, id, now);
  const settings = (await loadDocumentSettings(db)).settings;
  const unitName = await unitNames(db, [
    ...meeting.attendingUnitIds,
    ...agenda.flatMap((e) => (e.unitId ? [e.unitId] : [])),
  ]);
  const doc = minutesDocument({ meeting, agenda, settings, unitName });
  return {
    file: await render(doc, format),
    fileName: minutesFileName(minutesNumber(settings, meeting), format),
    contentType: DOCUMENT_CONTENT_TYPES[format],
  };
}
