/** Reading the one file of a multipart upload into memory, bounded before it is buffered. */
import type { ErrorCode } from '@zaitun/contracts';
import type { FastifyRequest } from 'fastify';
import { DomainError } from './errors';

export interface Upload {
  fileName: string;
  bytes: Buffer;
  /** Other form fields sent before the file part. */
  fields: Record<string, string>;
}

export async function readUpload(request: FastifyRequest, maxBytes: number, tooLarge: ErrorCode): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { accepted: ['multipart/form-data'] });
  }
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (err) {
    throw mapMultipartError(err, maxBytes, tooLarge);
  }
  if (part?.fieldname !== 'file') {
    throw new DomainError('VALIDATION_FAILED', [{ path: '/file', message: 'a file part named "file" is required' }]);
  }
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (err) {
    throw mapMultipartError(err, maxBytes, tooLarge);
  }
  if (bytes.length === 0) throw new DomainError('VALIDATION_FAILED', [{ path: '/file', message: 'the file is empty' }]);
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const f = Array.isArray(field) ? field[0] : field;
    if (f && f.type === 'field' && typeof f.value === 'string' && name !== 'file') fields[name] = f.value;
  }
  return { fileName: part.filename || 'file', bytes, fields };
}

function mapMultipartError(err: unknown, maxBytes: number, tooLarge: ErrorCode): Error {
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new DomainError(tooLarge, { limitBytes: maxBytes });
  if (typeof code === 'string' && code.startsWith('FST_')) {
    return new DomainError('VALIDATION_FAILED', [{ path: '/file', message: (err as Error).message }]);
  }
  return err as Error;
}
