import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  DEPARTMENT_SOURCES,
  departmentQueryRequestSchema,
  departmentRecordSchema,
  isDepartmentSource,
  type DepartmentRecord,
  type DepartmentSource,
} from '../../activities/departments/departments.port';
import { redactIdNumbers } from '../../activities/departments/id-number';
import { reminderMessageSchema, type ReminderMessage } from '../../activities/tasks/message-gateway';

/**
 * The departments sandbox: one process that answers the department protocol (activities/departments/
 * departments.port.ts) for all eight sources from records held in memory, so the economic check runs end to end
 * without reaching a real department; it also stands in for the unified messaging platform that deadline reminders
 * go to (`POST /v1/messages`, read back at `GET /v1/admin/messages`). Admin routes, which real departments do not have, let tests and demos stage
 * records and inject outages. Nothing it logs or answers in an error contains an ID number.
 */

export interface SandboxServerOptions {
  /** Records served from the start; validated like staged ones. */
  records: DepartmentRecord[];
  /** One line per request: method, path (ID-shaped text redacted), status, milliseconds. Default: silent. */
  log?: (line: string) => void;
}

export interface SandboxServer {
  /** Starts listening (port 0, the default, picks a free port; host defaults to 127.0.0.1) and returns the base URL. */
  listen(port?: number, host?: string): Promise<{ url: string }>;
  /** Stops accepting and drops open connections, so a keep-alive client cannot hold the process open. */
  close(): Promise<void>;
  /** Appends records (validated; throws on an invalid one, adding none). */
  addRecords(records: DepartmentRecord[]): void;
}

/** A household's query carries a few ID numbers; a staged batch a few thousand records. */
const MAX_BODY_BYTES = 2_000_000;
const recordsSchema = z.array(departmentRecordSchema);
const adminRecordsSchema = z.object({ records: recordsSchema.max(10_000) });
/** The next `count` queries of `source` answer 503; count 0 ends an outage early. */
const outageSchema = z.object({ source: z.enum(DEPARTMENT_SOURCES), count: z.number().int().min(0).max(1000) });

type Answer = [status: number, body: unknown];

/** Builds a sandbox serving `options.records`; it listens only once listen() is called. */
export function createSandboxServer(options: SandboxServerOptions): SandboxServer {
  const records: DepartmentRecord[] = [];
  const outages = new Map<DepartmentSource, number>();
  /** Messages the 统一消息平台 stand-in took, by message id (a resent message is taken once). */
  const messages = new Map<string, ReminderMessage>();
  const addRecords = (incoming: DepartmentRecord[]) => {
    records.push(...recordsSchema.parse(incoming));
  };
  addRecords(options.records);

  /** The protocol's rule: records about the asked people; for the registry, everyone in their households. */
  function answer(source: DepartmentSource, idNumbers: string[]): DepartmentRecord[] {
    const asked = new Set(idNumbers);
    const ofSource = records.filter((r) => r.source === source);
    if (source !== 'household_registry') return ofSource.filter((r) => asked.has(r.idNumber));
    const households = new Set(
      ofSource.flatMap((r) => (r.source === 'household_registry' && asked.has(r.idNumber) ? [r.householdNo] : [])),
    );
    return ofSource.filter((r) => r.source === 'household_registry' && households.has(r.householdNo));
  }

  async function route(method: string, path: string, req: IncomingMessage): Promise<Answer> {
    if (path === '/v1/health') return method === 'GET' ? [200, { status: 'ok' }] : notAllowed();
    if (path === '/v1/admin/messages') return method === 'GET' ? [200, { messages: [...messages.values()] }] : notAllowed();
    if (method !== 'POST') return /^\/v1\/(sources|admin)\//.test(path) ? notAllowed() : notFound();

    const query = /^\/v1\/sources\/([^/]+)\/query$/.exec(path);
    if (query) {
      const source = safeDecode(query[1]);
      if (!isDepartmentSource(source)) return [404, { error: { code: 'unknown_source' } }];
      const left = outages.get(source) ?? 0;
      if (left > 0) {
        // A department that is down does not read the request: the outage comes before validation.
        outages.set(source, left - 1);
        return [503, { error: { code: 'unavailable' } }];
      }
      const body = await parseBody(req, departmentQueryRequestSchema);
      return 'error' in body ? body.error : [200, { records: answer(source, body.data.idNumbers) }];
    }
    if (path === '/v1/messages') {
      const body = await parseBody(req, reminderMessageSchema);
      if ('error' in body) return body.error;
      if (!messages.has(body.data.messageId)) messages.set(body.data.messageId, body.data);
      return [202, { accepted: body.data.messageId }];
    }
    if (path === '/v1/admin/records') {
      const body = await parseBody(req, adminRecordsSchema);
      if ('error' in body) return body.error;
      records.push(...body.data.records);
      return [201, { added: body.data.records.length }];
    }
    if (path === '/v1/admin/outage') {
      const body = await parseBody(req, outageSchema);
      if ('error' in body) return body.error;
      outages.set(body.data.source, body.data.count);
      return [200, body.data];
    }
    return notFound();
  }

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const path = pathOf(req.url);
    const [status, body] = await route(method, path, req).catch((): Answer => [500, { error: { code: 'internal' } }]);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    options.log?.(`${method} ${redactIdNumbers(path)} ${status} ${Date.now() - started}ms`);
  }

  // A failure after the answer was written (a throwing log callback) must not take the process down.
  const server = createServer((req, res) => void respond(req, res).catch(() => res.destroy()));

  return {
    listen: (port = 0, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const { port: bound } = server.address() as AddressInfo;
          resolve({ url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}` });
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    addRecords,
  };
}

/** Reads and validates a JSON body; an answer of 400 (naming the field and rule) or 413 when it does not fit. */
async function parseBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<{ data: T } | { error: Answer }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) return { error: [413, { error: { code: 'too_large' } }] };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return { error: invalid('', 'body must be JSON') };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { data: parsed.data };
  // zod's path and message name the field and the rule, never the value that broke it.
  const issue = parsed.error.issues[0];
  return { error: invalid(issue.path.join('.'), issue.message) };
}

function invalid(field: string, rule: string): Answer {
  return [400, { error: { code: 'invalid_request', field, rule } }];
}

function notFound(): Answer {
  return [404, { error: { code: 'not_found' } }];
}

function notAllowed(): Answer {
  return [405, { error: { code: 'method_not_allowed' } }];
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://sandbox').pathname;
  } catch {
    return '/';
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
