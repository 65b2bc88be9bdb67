import { ALL_PROGRAM_ROOMS, GENERIC_ROOMS, crossProgramImports, genericSources, importsOf, programSources, sourcesUnder, violations } from './import-graph';
import { PROGRAM_CODES } from '../../workflows/programs/registry';

test('the scanner sees every kind of import, type-only and dynamic ones too', () => {
  const text = [
    "import type { A } from '../programs/dibao/a';",
    "export { B } from '../programs/emergency/b';",
    "const c = import('../../activities/low-income/c');",
    "import { z } from 'zod';",
  ].join('\n');
  expect(importsOf('workflows/casework/x.ts', text)).toEqual(['workflows/programs/dibao/a', 'workflows/programs/emergency/b', 'activities/low-income/c']);
});

test('an import from a generic room into a program room is reported; the other direction is not', () => {
  const files = new Map([
    ['workflows/casework/human-task.ts', "import { tier } from '../programs/emergency/emergency-rules';"],
    ['apps/api/inbox/task-view.ts', "import type { P } from '../../../workflows/programs/registry';"],
    ['workflows/programs/emergency/emergency-rules.ts', "import { reject } from '../../casework/rejections';"],
    // 救急难's case-type rooms count as program rooms too.
    ['activities/tasks/task.entity.ts', "import type { EmergencyStep } from '../../workflows/emergency/definitions';"],
    ['apps/api/inbox/decision.schemas.ts', "import { EMERGENCY_DECISION_SCHEMAS } from '../emergency/emergency-decision.schemas';"],
    ['apps/api/emergency/emergency-tasks.handler.ts', "import type { CaseTaskHandler } from '../inbox/case-task-handler';"],
  ]);
  expect(violations(files).map((v) => `${v.from} -> ${v.imports}`)).toEqual([
    'workflows/casework/human-task.ts -> workflows/programs/emergency/emergency-rules',
    'apps/api/inbox/task-view.ts -> workflows/programs/registry',
    'activities/tasks/task.entity.ts -> workflows/emergency/definitions',
    'apps/api/inbox/decision.schemas.ts -> apps/api/emergency/emergency-decision.schemas',
  ]);
});

test('no generic module imports a program module', () => {
  const files = genericSources();
  // Every generic room exists and is scanned: a renamed folder must not make this test pass by reading nothing.
  for (const room of GENERIC_ROOMS) expect([room, [...files.keys()].some((f) => f.startsWith(room))]).toEqual([room, true]);
  expect(violations(files)).toEqual([]);
});

test("an import from one program's room into another program's is reported; shared and own rooms are not", () => {
  const files = new Map([
    ['activities/low-income/recognition.ts', "import { formatYuan } from '../../workflows/programs/dibao/benefit';"],
    ['workflows/programs/tekun/support.ts', "import { share } from '../medical/medical-share';"],
    ['apps/api/referrals/payments.service.ts', "import { P } from '../../../activities/medical/payment.entity';"],
    ['workflows/programs/low-income/placement.ts', "import { PROGRAMS } from '../registry';\nimport { monthOf } from '../../domain/months';"],
    ['activities/medical/payment.entity.ts', "import { medicalShare } from '../../workflows/programs/medical/medical-share';"],
    // The 转介 bridge is open to the referrals room only, and only the bridge is.
    ['apps/api/referrals/referrals.service.ts', "import { EmergencyReferral } from '../../../activities/emergency/referral-bridge';"],
    ['apps/api/referrals/referrals.schemas.ts', "import { REFERRAL_KINDS } from '../../../workflows/emergency/definitions';"],
    ['apps/api/tekun/tekun.service.ts', "import { EmergencyRequest } from '../../../activities/emergency/referral-bridge';"],
    ['activities/emergency/emergency.activities.ts', "import { tekunTier } from '../../workflows/programs/tekun/eligibility';"],
  ]);
  expect(crossProgramImports(files).map((v) => `${v.from} -> ${v.imports}`)).toEqual([
    'activities/low-income/recognition.ts -> workflows/programs/dibao/benefit',
    'workflows/programs/tekun/support.ts -> workflows/programs/medical/medical-share',
    'apps/api/referrals/referrals.schemas.ts -> workflows/emergency/definitions',
    'apps/api/tekun/tekun.service.ts -> activities/emergency/referral-bridge',
    'activities/emergency/emergency.activities.ts -> workflows/programs/tekun/eligibility',
  ]);
});

test("no program room imports another program's room", () => {
  const files = programSources();
  for (const room of ALL_PROGRAM_ROOMS) expect([room, [...files.keys()].some((f) => f.startsWith(room))]).toEqual([room, true]);
  // What one program takes from another goes through workflows/programs/registry.ts, a generic room or a bridge
  // listed in PROGRAM_BRIDGES.
  expect(crossProgramImports(files)).toEqual([]);
});

test('the casework mechanics name no program, by code or by name', () => {
  const words = [...PROGRAM_CODES.map((c) => `'${c}'`), '低保', '特困', '临时救助', '救急难', '医疗救助', '低收入'];
  const kernel = [...genericSources()].filter(([file]) => /^(workflows|activities)\/casework\/.*(?<!\.spec)\.ts$/.test(file));
  expect(kernel.length).toBeGreaterThan(5);
  const named = kernel.flatMap(([file, text]) => words.filter((w) => text.includes(w)).map((w) => `${file}: ${w}`));
  expect(named).toEqual([]);
});

test('低保 rules live in their program room; workflows/domain keeps only what every program shares', () => {
  // Shared pure functions stay in workflows/domain; a 低保 rule file reappearing there would let generic code reach
  // the program's rules again without the import scan above noticing (domain files may import each other).
  const dibaoRules = ['appraisal', 'benefit', 'lifecycle', 'route', 'sampling', 'schedule', 'single-enrolment'];
  const stem = (file: string) => file.replace(/^.*\//, '').replace(/(\.spec)?\.ts$/, '');
  const inDomain = new Set(sourcesUnder('workflows/domain/').map(stem));
  const inProgram = new Set(sourcesUnder('workflows/programs/dibao/').map(stem));
  expect(dibaoRules.filter((name) => inDomain.has(name))).toEqual([]);
  expect(dibaoRules.filter((name) => !inProgram.has(name))).toEqual([]);
});
