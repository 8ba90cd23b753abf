// multipart/form-data as wx.uploadFile sends it (RFC 7578): the boundary from the content type, then
// parts with a Content-Disposition naming the field (and a filename for a file), read on Buffers so a
// file's bytes come through exactly, whatever they hold.
import { dict } from '../miniprogram/mock/store';

/** An upload that is not well-formed multipart/form-data (answered 400 MALFORMED_UPLOAD). */
export class MalformedUpload extends Error {}

export interface UploadedPart {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface MultipartForm {
  /** The text fields (parts without a filename), prototype-less; a repeated name keeps the last value. */
  fields: Record<string, string>;
  /** The file parts, in the order sent. */
  files: UploadedPart[];
}

/** More parts than any upload form needs: the rest is refused rather than read. */
const MAX_PARTS = 100;
const MAX_HEADER_BYTES = 8 * 1024;

interface HeaderValue {
  value: string;
  /** Parameter names lower-cased. */
  params: Map<string, string>;
}

/** `type; name=value; name="quoted \" value"`; throws MalformedUpload on an unterminated quote or a nameless parameter. */
export function parseHeaderValue(header: string): HeaderValue {
  const semicolon = header.indexOf(';');
  const value = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  const params = new Map<string, string>();
  let at = semicolon < 0 ? header.length : semicolon + 1;
  while (at < header.length) {
    while (at < header.length && (header[at] === ' ' || header[at] === '\t' || header[at] === ';')) at += 1;
    if (at >= header.length) break;
    const equals = header.indexOf('=', at);
    const nextSemicolon = header.indexOf(';', at);
    if (equals < 0 || (nextSemicolon >= 0 && nextSemicolon < equals)) {
      throw new MalformedUpload(`A parameter without a value in "${header.slice(0, 200)}"`);
    }
    const name = header.slice(at, equals).trim().toLowerCase();
    if (!name) throw new MalformedUpload('A parameter without a name');
    at = equals + 1;
    let text = '';
    if (header[at] === '"') {
      at += 1;
      let closed = false;
      while (at < header.length) {
        const char = header[at];
        if (char === '\\' && at + 1 < header.length) {
          text += header[at + 1];
          at += 2;
        } else if (char === '"') {
          closed = true;
          at += 1;
          break;
        } else {
          text += char;
          at += 1;
        }
      }
      if (!closed) throw new MalformedUpload('An unterminated quoted parameter');
    } else {
      const end = header.indexOf(';', at);
      text = (end < 0 ? header.slice(at) : header.slice(at, end)).trim();
      at = end < 0 ? header.length : end;
    }
    if (!params.has(name)) params.set(name, text);
  }
  return { value, params };
}

/** The boundary of a multipart/form-data content type, or null when it is another type; throws when it has none or a bad one. */
export function boundaryOf(contentType: string | undefined): string | null {
  // The type first: another type's parameters are not this reader's business, however odd.
  if (contentType === undefined || contentType.split(';')[0].trim().toLowerCase() !== 'multipart/form-data') return null;
  const { params } = parseHeaderValue(contentType);
  const boundary = params.get('boundary');
  // RFC 2046: 1 to 70 characters, not ending in a space.
  if (!boundary || boundary.length > 70 || boundary.endsWith(' ')) throw new MalformedUpload('The content type has no usable boundary');
  return boundary;
}

/** The part's headers, names lower-cased; folded lines joined. */
function partHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  let last = '';
  block.split('\r\n').forEach((line) => {
    if (line === '') return;
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`);
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MalformedUpload('A part header without a name');
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, line.slice(colon + 1).trim());
  });
  return headers;
}

/** RFC 5987's `UTF-8''name%20here`, as browsers send filename*. */
function extendedValue(text: string): string {
  const quote = text.indexOf("''");
  const encoded = quote < 0 ? text : text.slice(quote + 2);
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** The form's fields and files; throws MalformedUpload when the body is not a whole multipart body with that boundary. */
export function parseMultipart(body: Buffer, boundary: string): MultipartForm {
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  const fields = dict<string>();
  const files: UploadedPart[] = [];
  // The first delimiter has no CRLF before it when there is no preamble.
  let at: number;
  if (body.subarray(0, delimiter.length - 2).equals(delimiter.subarray(2))) at = delimiter.length - 2;
  else {
    const first = body.indexOf(delimiter);
    if (first < 0) throw new MalformedUpload('The body has no part with the boundary of its content type');
    at = first + delimiter.length;
  }
  for (let parts = 0; ; parts += 1) {
    // After a delimiter: "--" ends the body; else optional whitespace, then CRLF and the part.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break;
    while (body[at] === 0x20 || body[at] === 0x09) at += 1;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) throw new MalformedUpload('A boundary is not followed by a line break');
    at += 2;
    if (parts >= MAX_PARTS) throw new MalformedUpload(`More than ${MAX_PARTS} parts`);
    const headerEnd = body[at] === 0x0d && body[at + 1] === 0x0a ? at : body.indexOf('\r\n\r\n', at, 'latin1');
    if (headerEnd < 0 || headerEnd - at > MAX_HEADER_BYTES) throw new MalformedUpload('A part has no end to its headers');
    const headers = partHeaders(body.subarray(at, headerEnd).toString('utf8'));
    const contentStart = headerEnd + (headerEnd === at ? 2 : 4);
    const next = body.indexOf(delimiter, contentStart);
    if (next < 0) throw new MalformedUpload('The body ends before its closing boundary');
    const content = body.subarray(contentStart, next);
    at = next + delimiter.length;

    const disposition = headers.get('content-disposition');
    if (disposition === undefined) throw new MalformedUpload('A part has no Content-Disposition');
    const { value, params } = parseHeaderValue(disposition);
    const field = params.get('name');
    if (value !== 'form-data' || field === undefined || field === '') throw new MalformedUpload('A part is not form-data with a name');
    const plain = params.get('filename');
    const extended = params.get('filename*');
    if (plain === undefined && extended === undefined) {
      fields[field] = content.toString('utf8');
    } else {
      files.push({ field, filename: extended !== undefined ? extendedValue(extended) : plain ?? '', contentType: headers.get('content-type') ?? 'application/octet-stream', bytes: Buffer.from(content) });
    }
  }
  return { fields, files };
}
