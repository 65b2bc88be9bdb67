import type { ManagedProcess } from '../../apps/launcher/processes';

export default async function globalTeardown(): Promise<void> {
  const started = globalThis as Record<string, unknown>;
  await (started.__devServer as ManagedProcess | undefined)?.stop();
}
