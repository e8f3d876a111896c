import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../lib/storage';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Answers with a finished workbook as a download named `fileName` (non-ASCII names allowed). */
export function sendXlsx(reply: FastifyReply, file: Buffer, fileName: string): FastifyReply {
  return reply
    .header('content-type', XLSX_CONTENT_TYPE)
    .header('content-disposition', contentDisposition(fileName))
    .send(file);
}
