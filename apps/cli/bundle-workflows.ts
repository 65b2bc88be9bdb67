import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PROJECT_ROOT } from '../../config/paths';

/** Bundles the workflows once at build time: every worker then runs the identical code and starts fast. */
async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: resolve(PROJECT_ROOT, 'dist', 'workflows', 'index.js') });
  const out = resolve(PROJECT_ROOT, 'dist', 'workflow-bundle.js');
  writeFileSync(out, code);
  console.log(`workflow bundle written to ${out}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
