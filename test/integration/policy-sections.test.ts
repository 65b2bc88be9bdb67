import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { PolicyService } from '../../activities/regions/policy.service';
import { PolicySnapshot } from '../../activities/regions/policy-snapshot.entity';
import { PolicyVersion } from '../../activities/regions/policy-version.entity';
import type { RegionPolicy } from '../../config/policy/policy.schema';
import { readPolicySnapshot } from '../../config/policy/policy-shape';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/** Policy versions and snapshots stored before the policy had sections still resolve and read, on a real database. */
let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
  await new PolicyService(orm).loadShipped();
});
afterAll(async () => {
  await db?.drop();
});

const VILLAGE = '220103001001';
const fixture = JSON.parse(readFileSync(resolve(__dirname, '..', 'fixtures', 'policy', 'flat-policy-snapshot.json'), 'utf8')) as { id: string; label: string; document: RegionPolicy };

test('a stored flat snapshot row reads by section', async () => {
  await orm.em.fork().persist(new PolicySnapshot(fixture.id, fixture.label, fixture.document)).flush();
  const row = await orm.em.fork().findOneOrFail(PolicySnapshot, fixture.id);
  const sections = readPolicySnapshot(row.document);
  expect(sections.dibao.standards).toEqual({ urbanFen: 83_000, ruralFen: 63_000 });
  expect(sections.common.approval.mode).toBe('township_with_filing');
  expect(sections.lowIncome.multiplier).toBe(1.5);
});

test('the shipped policy records the same flat snapshot as before the split', async () => {
  const policy = await orm.em.fork().transactional((tx) => new PolicyService(orm).resolveFor(tx, VILLAGE));
  expect(policy.document).toMatchObject(fixture.document);
  const row = await orm.em.fork().findOneOrFail(PolicySnapshot, policy.snapshotId);
  expect(row.document).toEqual(policy.document);
});

test('a flat version row written by an earlier administrator client is lifted into its sections', async () => {
  const em = orm.em.fork();
  em.persist(
    new PolicyVersion({
      id: randomUUID(),
      scope: '220103',
      version: 9,
      override: { standards: { urbanFen: 90_000 }, approval: { samplingRate: 0.5 }, lowIncomeMultiplier: 1.8 },
      source: 'administrator',
      contentHash: 'flat-override',
      status: 'active',
      effectiveFrom: new Date('2026-02-01T00:00:00+08:00'),
    }),
  );
  await em.flush();
  const service = new PolicyService(orm);
  const sections = await service.sectionsFor(orm.em.fork(), VILLAGE);
  expect(sections.dibao.standards).toEqual({ urbanFen: 90_000, ruralFen: 63_000 });
  expect(sections.common.approval.samplingRate).toBe(0.5);
  expect(sections.lowIncome.multiplier).toBe(1.8);
  const layers = await service.layersFor(orm.em.fork(), VILLAGE);
  expect(layers.find((l) => l.scope === '220103')?.override).toEqual({
    common: { approval: { samplingRate: 0.5 } },
    dibao: { standards: { urbanFen: 90_000 } },
    lowIncome: { multiplier: 1.8 },
  });
  const policy = await orm.em.fork().transactional((tx) => service.resolveFor(tx, VILLAGE));
  expect(policy.document).toMatchObject({ standards: { urbanFen: 90_000 }, lowIncomeMultiplier: 1.8, approval: { samplingRate: 0.5 } });
});
