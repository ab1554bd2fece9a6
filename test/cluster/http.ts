// Request bodies in, JSON answers out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseAllDocuments } from 'yaml';
import { decodeProtobufObject } from './protobuf.ts';
import { ApiError, badRequest, status, type StatusBody } from './status.ts';

export const readBody = (req: IncomingMessage, limit = 8 * 1024 * 1024): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(
          new ApiError(
            status(413, 'RequestEntityTooLarge', `the request body is larger than ${limit} bytes`),
          ),
        );
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** JSON, YAML (one document) or protobuf, by Content-Type. */
export const parseBody = (body: Buffer, contentType: string | undefined): unknown => {
  const ct = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (ct === 'application/vnd.kubernetes.protobuf') return decodeProtobufObject(body);
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  if (ct.includes('yaml')) {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.length === 0) throw badRequest('the YAML body holds no document');
    const doc = docs[0]!;
    if (doc.errors.length) throw badRequest(`error converting YAML to JSON: ${doc.errors[0]!.message}`);
    return doc.toJS();
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
};

export const sendJson = (res: ServerResponse, code: number, body: unknown, warnings: string[] = []): void => {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, private',
  };
  if (warnings.length) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  if (code === 429) headers['Retry-After'] = '1';
  res.writeHead(code, headers);
  res.end(text);
};

export const sendStatus = (res: ServerResponse, s: StatusBody): void => sendJson(res, s.code, s);

/** A raw HTTP answer on an upgrade socket that we refuse. */
export const rejectUpgrade = (socket: import('node:stream').Duplex, s: StatusBody): void => {
  const text = JSON.stringify(s);
  const reason =
    {
      400: 'Bad Request',
      403: 'Forbidden',
      404: 'Not Found',
      429: 'Too Many Requests',
      500: 'Internal Server Error',
      501: 'Not Implemented',
      503: 'Service Unavailable',
    }[s.code] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${s.code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n${s.code === 429 ? 'Retry-After: 1\r\n' : ''}Connection: close\r\n\r\n${text}`,
  );
};
