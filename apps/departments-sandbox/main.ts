import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../config/paths';
import { departmentRecordSchema, type DepartmentRecord } from '../../activities/departments/departments.port';
import { createSandboxServer } from './sandbox.server';

/**
 * The departments sandbox process: `node dist/apps/departments-sandbox/main.js`. Serves the seeded demo records
 * until SIGINT or SIGTERM. Prints one line once listening and nothing per request (requests carry ID numbers in
 * their bodies, and a demo terminal is often shared).
 */

/** The demo records ship in the source tree; PROJECT_ROOT is found by walking up to package.json, so dist/ works too. */
export const DEMO_RECORDS_FILE = resolve(PROJECT_ROOT, 'activities', 'departments', 'sandbox', 'demo-records.json');

const envSchema = z.object({
  DEPARTMENTS_SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(7300),
  DEPARTMENTS_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
});

/** Reads and validates a records file; the error names the file and the first bad field, never a value. */
export function loadRecords(file: string = DEMO_RECORDS_FILE): DepartmentRecord[] {
  const parsed = z.array(departmentRecordSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid department records in ${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

async function main(): Promise<void> {
  const env = envSchema.safeParse(process.env);
  if (!env.success) {
    const issue = env.error.issues[0];
    throw new Error(`invalid environment: ${issue.path.join('.')}: ${issue.message}`);
  }
  const server = createSandboxServer({ records: loadRecords() });
  const { url } = await server.listen(env.data.DEPARTMENTS_SANDBOX_PORT, env.data.DEPARTMENTS_SANDBOX_HOST);
  console.log(`departments sandbox listening on ${url}`);

  // Closing drops open connections, so nothing keeps the event loop alive and the process exits with code 0.
  const stop = () => {
    server.close().catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
