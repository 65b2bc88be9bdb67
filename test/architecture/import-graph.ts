import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** The repository root, and repository paths written with forward slashes. */
export const ROOT = resolve(__dirname, '../..');

/**
 * Rooms that hold mechanics every program shares: they may be used by program rooms, never the other way round.
 * Each is a folder (prefix match) or a single file.
 */
export const GENERIC_ROOMS = [
  'workflows/casework/',
  'workflows/domain/',
  'activities/casework/',
  'activities/tasks/',
  'apps/api/inbox/',
  'apps/api/common/',
] as const;

/** Rooms that hold one program's rules or records. */
export const PROGRAM_ROOMS = [
  'workflows/programs/',
  'activities/low-income/',
  'activities/medical/',
  'apps/api/low-income/',
  'apps/api/referrals/',
  'apps/api/tekun/',
] as const;

/**
 * Rooms of programs that are also case types: 救急难 (临时救助) — its workflow, records and API (with its inbox
 * handler, which the API's case-type list hands to the inbox) —, the 低收入 register's re-check workflow and the
 * 特困供养 case's workflows and records (their APIs are in the program rooms above). Generic rooms may not import them either.
 */
export const CASE_TYPE_PROGRAM_ROOMS = ['workflows/emergency/', 'activities/emergency/', 'apps/api/emergency/', 'workflows/low-income/', 'workflows/tekun/', 'activities/tekun/'] as const;

type RoomOutsidePrograms = Exclude<(typeof PROGRAM_ROOMS)[number], 'workflows/programs/'> | (typeof CASE_TYPE_PROGRAM_ROOMS)[number];

/**
 * The program each program room serves, for the rooms outside workflows/programs/ (there the folder names the
 * program), by the program's folder under workflows/programs/. The referrals API is the receiving department's
 * (医疗救助) side of 救急难 referrals.
 */
export const ROOM_PROGRAMS: Readonly<Record<RoomOutsidePrograms, string>> = {
  'activities/emergency/': 'emergency',
  'activities/low-income/': 'low-income',
  'activities/medical/': 'medical',
  'apps/api/emergency/': 'emergency',
  'apps/api/low-income/': 'low-income',
  'apps/api/referrals/': 'medical',
  'apps/api/tekun/': 'tekun',
  'workflows/emergency/': 'emergency',
  'workflows/low-income/': 'low-income',
  'workflows/tekun/': 'tekun',
  'activities/tekun/': 'tekun',
};

/**
 * The one door each documented link between two programs goes through, and the room allowed to use it. A 救急难
 * request refers the household on to other departments (转介); the 医疗救助 side works those referrals, so it reads
 * the request and the referral records and writes on the emergency case's timeline — only through the bridge.
 */
export const PROGRAM_BRIDGES: readonly { from: string; imports: string }[] = [
  { from: 'apps/api/referrals/', imports: 'activities/emergency/referral-bridge' },
];

export interface Violation {
  from: string;
  imports: string;
  room: string;
}

/** Every .ts file under a repository folder, as repository paths. */
export function sourcesUnder(folder: string): string[] {
  const abs = join(ROOT, folder);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) out.push(relative(ROOT, path).split(sep).join('/'));
    }
  };
  walk(abs);
  return out;
}

/**
 * The repository paths a file imports, by the compiler's own scanner: static imports (type-only too), re-exports,
 * `require` and dynamic `import()`. Package imports are left out; relative ones are resolved against the file.
 */
export function importsOf(file: string, text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => posix.normalize(posix.join(posix.dirname(file), spec)));
}

/** The program room a repository path lies in, if any (with or without its extension). */
function programRoomOf(path: string): string | undefined {
  return ALL_PROGRAM_ROOMS.find((room) => `${path}/`.startsWith(room) || path.startsWith(room));
}

/** Imports from generic rooms into program rooms, in the given files (repository path → source text). */
export function violations(files: ReadonlyMap<string, string>): Violation[] {
  const found: Violation[] = [];
  for (const [file, text] of files) {
    if (!GENERIC_ROOMS.some((room) => file.startsWith(room))) continue;
    for (const target of importsOf(file, text)) {
      const room = programRoomOf(target);
      if (room) found.push({ from: file, imports: target, room });
    }
  }
  return found;
}

/**
 * The program a repository path belongs to, if any. workflows/programs/registry.ts belongs to none: it is the one
 * place that knows every program, and so the way a room reaches what another program provides.
 */
export function programOf(path: string): string | undefined {
  const inPrograms = /^workflows\/programs\/([^/]+)\//.exec(path);
  if (inPrograms) return inPrograms[1];
  return Object.entries(ROOM_PROGRAMS).find(([room]) => path.startsWith(room))?.[1];
}

/** Imports from one program's rooms into another program's, in the given files (repository path → source text). */
export function crossProgramImports(files: ReadonlyMap<string, string>): Violation[] {
  const found: Violation[] = [];
  for (const [file, text] of files) {
    const own = programOf(file);
    if (!own) continue;
    for (const target of importsOf(file, text)) {
      const other = programOf(target);
      const bridged = PROGRAM_BRIDGES.some((b) => file.startsWith(b.from) && target === b.imports);
      if (other && other !== own && !bridged) found.push({ from: file, imports: target, room: other });
    }
  }
  return found;
}

/** Every program room, of either list. */
export const ALL_PROGRAM_ROOMS: readonly string[] = [...PROGRAM_ROOMS, ...CASE_TYPE_PROGRAM_ROOMS];

/** The program rooms' files as they are on disk. */
export function programSources(): Map<string, string> {
  const files = new Map<string, string>();
  for (const room of ALL_PROGRAM_ROOMS) {
    for (const file of sourcesUnder(room)) files.set(file, readFileSync(join(ROOT, file), 'utf8'));
  }
  return files;
}

/** The generic rooms' files as they are on disk. */
export function genericSources(): Map<string, string> {
  const files = new Map<string, string>();
  for (const room of GENERIC_ROOMS) {
    for (const file of sourcesUnder(room)) files.set(file, readFileSync(join(ROOT, file), 'utf8'));
  }
  return files;
}
