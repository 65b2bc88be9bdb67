/** The four services of a Temporal server, each run as its own process. */
export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

export interface TemporalClusterConfig {
  /** PostgreSQL host, port, user and password (the cluster's two databases are created on it). */
  pg: { host: string; port: number; user: string; password: string };
  databases: { main: string; visibility: string };
  /** First port of the cluster's range: frontend gRPC = base, history base+1, matching base+2, worker base+6. */
  basePort: number;
  numHistoryShards: number;
  dynamicConfigFile: string;
}

const OFFSET: Record<TemporalService, number> = { frontend: 0, history: 1, matching: 2, worker: 6 };

export function grpcPort(config: TemporalClusterConfig, service: TemporalService): number {
  return config.basePort + OFFSET[service];
}

/** Prometheus port of one service's process (the server's own metrics). */
export function serverMetricsPort(config: TemporalClusterConfig, service: TemporalService): number {
  return config.basePort + 800 + OFFSET[service];
}

function datastore(config: TemporalClusterConfig, database: string, maxConns: number): string {
  const { pg } = config;
  return [
    '      sql:',
    '        pluginName: "postgres12"',
    `        databaseName: "${database}"`,
    `        connectAddr: "${pg.host}:${pg.port}"`,
    '        connectProtocol: "tcp"',
    `        user: "${pg.user}"`,
    `        password: "${pg.password}"`,
    `        maxConns: ${maxConns}`,
    `        maxIdleConns: ${maxConns}`,
    '        maxConnLifetime: "1h"',
  ].join('\n');
}

/**
 * The server configuration (YAML) for one service's process: PostgreSQL persistence and visibility, membership on
 * loopback (the four processes find each other through the cluster_membership table), every service's ports (each
 * process must know the others'), and this process's Prometheus listener.
 */
export function renderServerConfig(config: TemporalClusterConfig, service: TemporalService): string {
  const services = TEMPORAL_SERVICES.map((s) =>
    [`  ${s}:`, '    rpc:', `      grpcPort: ${grpcPort(config, s)}`, `      membershipPort: ${grpcPort(config, s) - 300}`, '      bindOnLocalHost: true', ...(s === 'frontend' ? [`      httpPort: ${config.basePort + 10}`] : [])].join('\n'),
  );
  return [
    'log:',
    '  stdout: true',
    '  level: warn',
    'persistence:',
    '  defaultStore: postgres-default',
    '  visibilityStore: postgres-visibility',
    `  numHistoryShards: ${config.numHistoryShards}`,
    '  datastores:',
    '    postgres-default:',
    datastore(config, config.databases.main, 20),
    '    postgres-visibility:',
    datastore(config, config.databases.visibility, 4),
    'global:',
    '  membership:',
    '    maxJoinDuration: 30s',
    '    broadcastAddress: "127.0.0.1"',
    '  metrics:',
    '    prometheus:',
    '      framework: "tally"',
    '      timerType: "histogram"',
    `      listenAddress: "127.0.0.1:${serverMetricsPort(config, service)}"`,
    'services:',
    ...services,
    'clusterMetadata:',
    '  enableGlobalNamespace: false',
    '  failoverVersionIncrement: 10',
    '  masterClusterName: "active"',
    '  currentClusterName: "active"',
    '  clusterInformation:',
    '    active:',
    '      enabled: true',
    '      initialFailoverVersion: 1',
    '      rpcName: "frontend"',
    `      rpcAddress: "127.0.0.1:${grpcPort(config, 'frontend')}"`,
    'dcRedirectionPolicy:',
    '  policy: "noop"',
    'dynamicConfigClient:',
    `  filepath: "${config.dynamicConfigFile}"`,
    '  pollInterval: "10s"',
    '',
  ].join('\n');
}

/** Dynamic configuration of the local cluster: what the platform relies on, stated rather than assumed. */
export const DYNAMIC_CONFIG = [
  'frontend.enableUpdateWorkflowExecution:',
  '  - value: true',
  'frontend.enableUpdateWorkflowExecutionAsyncAccepted:',
  '  - value: true',
  'system.forceSearchAttributesCacheRefreshOnRead:',
  '  - value: true',
  '',
].join('\n');
