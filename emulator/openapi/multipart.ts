/**
 * A minimal multipart/form-data reader for the admin requests node-sdk sends with `isFormData`
 * (`wx.openApi`, `wx.wxPayApi`): every form field is a part; a part with its own Content-Type (the protobuf
 * `requestData`) stays bytes, the others become strings. Enough for the `form-data` package's output; not a
 * general MIME parser (no nested multiparts, no transfer encodings).
 */

export type FormFields = Record<string, string | Buffer>;

export function isMultipart(contentType: string | undefined): boolean {
  return /^multipart\/form-data\s*;/i.test(contentType ?? '');
}

export function parseMultipart(contentType: string, body: Buffer): FormFields {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!match) throw new Error('multipart body without a boundary');
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const fields: FormFields = {};
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart body without its boundary');
  for (;;) {
    pos += delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return fields;
    pos = skipCrlf(body, pos);
    const next = body.indexOf(delimiter, pos);
    if (next < 0) throw new Error('multipart body is truncated');
    // The part ends with CRLF before the next delimiter.
    const part = body.subarray(pos, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw new Error('multipart part without headers');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined) {
      const isFile = /^content-type:/im.test(headers);
      fields[name] = isFile ? Buffer.from(content) : content.toString('utf8');
    }
    pos = next;
  }
}

function skipCrlf(buf: Buffer, pos: number): number {
  return buf[pos] === 0x0d && buf[pos + 1] === 0x0a ? pos + 2 : pos;
}
