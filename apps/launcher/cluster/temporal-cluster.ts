import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnManaged, toolPath, waitForPort, type ManagedProcess } from '../processes';
import { DYNAMIC_CONFIG, grpcPort, renderServerConfig, TEMPORAL_SERVICES, type TemporalClusterConfig, type TemporalService } from './temporal-config';

/** The Go-built binaries and the schema folders (apps/launcher/cluster/build-temporal.cjs). */
export interface TemporalBuild {
  dir: string;
  server: string;
  sqlTool: string;
  schema: string;
}

export function temporalBuild(dir: string): TemporalBuild {
  return { dir, server: join(dir, 'temporal-server'), sqlTool: join(dir, 'temporal-sql-tool'), schema: join(dir, 'schema') };
}

function sqlTool(build: TemporalBuild, config: TemporalClusterConfig, database: string, args: string[]): { ok: boolean; output: string } {
  const { pg } = config;
  const res = spawnSync(build.sqlTool, ['--plugin', 'postgres12', '--ep', pg.host, '-p', String(pg.port), '-u', pg.user, '--pw', pg.password, '--db', database, ...args], { encoding: 'utf8' });
  return { ok: res.status === 0, output: `${res.stdout}${res.stderr}` };
}

/**
 * Creates the two databases when missing and brings both schemas to the version shipped with the binaries
 * (`setup-schema -v 0.0` once, then `update-schema` through the versioned folder: the same steps as an upgrade).
 */
export function setupTemporalSchema(build: TemporalBuild, config: TemporalClusterConfig): void {
  const steps: [string, string][] = [
    [config.databases.main, join(build.schema, 'postgresql', 'v12', 'temporal', 'versioned')],
    [config.databases.visibility, join(build.schema, 'postgresql', 'v12', 'visibility', 'versioned')],
  ];
  for (const [database, versioned] of steps) {
    const created = sqlTool(build, config, database, ['create-database']);
    if (!created.ok && !/already exists/.test(created.output)) throw new Error(`create-database ${database} failed: ${created.output}`);
    const version = sqlTool(build, config, database, ['setup-schema', '-v', '0.0']);
    if (!version.ok && !/already exists|schema_version/.test(version.output)) throw new Error(`setup-schema ${database} failed: ${version.output}`);
    const updated = sqlTool(build, config, database, ['update-schema', '-d', versioned]);
    if (!updated.ok) throw new Error(`update-schema ${database} failed: ${updated.output}`);
  }
}

export interface TemporalProcesses {
  address: string;
  services: Record<TemporalService, ManagedProcess>;
}

/** Starts frontend, history, matching and worker as four processes sharing one configuration per service. */
export async function startTemporalServices(build: TemporalBuild, config: TemporalClusterConfig, stateDir: string): Promise<TemporalProcesses> {
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(config.dynamicConfigFile, DYNAMIC_CONFIG);
  const services = {} as Record<TemporalService, ManagedProcess>;
  // History first: the frontend waits for history hosts in the membership ring.
  for (const service of ['history', 'matching', 'frontend', 'worker'] as const) {
    const file = resolve(stateDir, `temporal-${service}.yaml`);
    writeFileSync(file, renderServerConfig(config, service));
    services[service] = spawnManaged(build.server, ['--config-file', file, '--allow-no-auth', 'start', '--service', service], { logFile: resolve(stateDir, 'logs', `temporal-${service}.log`) });
    if (service !== 'worker') await waitForPort('127.0.0.1', grpcPort(config, service), 60_000);
  }
  return { address: `127.0.0.1:${grpcPort(config, 'frontend')}`, services };
}

/** Registers the namespace when missing (the server has none of its own) and waits until it answers. */
export async function ensureNamespace(address: string, namespace: string, retentionDays: number): Promise<void> {
  const cli = toolPath('temporal');
  const deadline = Date.now() + 90_000;
  for (;;) {
    const described = spawnSync(cli, ['operator', 'namespace', 'describe', '--address', address, '-n', namespace], { encoding: 'utf8' });
    if (described.status === 0) {
      const listed = spawnSync(cli, ['workflow', 'count', '--address', address, '-n', namespace], { encoding: 'utf8' });
      if (listed.status === 0) return;
    } else {
      spawnSync(cli, ['operator', 'namespace', 'create', '--address', address, '-n', namespace, '--retention', `${retentionDays * 24}h`], { encoding: 'utf8' });
    }
    if (Date.now() > deadline) throw new Error(`namespace ${namespace} not usable at ${address}: ${described.stderr}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export { TEMPORAL_SERVICES };
