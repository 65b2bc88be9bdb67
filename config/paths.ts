import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The directory holding package.json, whether code runs from source or from dist/. */
export const PROJECT_ROOT = findRoot(__dirname);

/** Shipped configuration files (regions, policies, calendars) are read from the source tree, never from dist/. */
export const CONFIG_DIR = resolve(PROJECT_ROOT, 'config');

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(resolve(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
