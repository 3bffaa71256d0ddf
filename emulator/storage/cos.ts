/**
 * The COS side of storage: the HTTP answers an uploader or a browser gets from the object store.
 * Errors are COS's XML documents; node-sdk's uploadFile parses them and reads Code, Message, RequestId
 * and TraceId, so all four are always present.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  zip: 'application/zip',
};

export function contentTypeOf(cloudPath: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(cloudPath)?.[1]?.toLowerCase();
  return (ext && TYPES[ext]) || 'application/octet-stream';
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function sendCosError(res: ServerResponse, status: number, code: string, message: string, resource: string): void {
  const requestId = randomUUID().replace(/-/g, '');
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n` +
    `\t<Code>${escapeXml(code)}</Code>\n\t<Message>${escapeXml(message)}</Message>\n` +
    `\t<Resource>${escapeXml(resource)}</Resource>\n\t<RequestId>${requestId}</RequestId>\n\t<TraceId>${requestId}</TraceId>\n</Error>`;
  const body = Buffer.from(xml);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': body.length, 'x-cos-request-id': requestId });
  res.end(body);
}
