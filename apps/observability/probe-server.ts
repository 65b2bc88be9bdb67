import { createServer, type Server } from 'node:http';

/** One answer of a probe route: status and JSON body, or Prometheus text. */
export type ProbeAnswer = { status: number; json: unknown } | { status: number; text: string; contentType: string };

/**
 * A small HTTP listener for the operations network (metrics scrapes, health probes), apart from the API port: GET
 * only, exact paths, no authentication — bind it to an internal interface. Resolves once listening.
 */
export async function startProbeServer(host: string, port: number, routes: Record<string, () => Promise<ProbeAnswer>>): Promise<Server> {
  const server = createServer((req, res) => {
    const route = req.method === 'GET' ? routes[(req.url ?? '').split('?')[0]!] : undefined;
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'no such probe' } }));
      return;
    }
    route().then(
      (answer) => {
        if ('json' in answer) res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
        else res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.text);
      },
      () => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'internal', message: 'probe failed' } })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
