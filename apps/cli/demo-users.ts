import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { hash } from '@node-rs/argon2';
import { User } from '../../activities/identity/user.entity';
import { Region } from '../../activities/regions/region.entity';
import type { Role } from '../../workflows/domain/roles';
import { NATIONAL_SCOPE } from '../../config/shipped';

/** The password of every demo user (printed by setup, listed in the README). Demo data only. */
export const DEMO_PASSWORD = 'Demo@2026';

/** The demo regions: one county-level unit per procedure variant, with the village and township staff work in. */
export const DEMO_REGIONS = [
  { prefix: 'gy', name: '灌云县 (九步全流程)', county: '320723', township: '320723100', village: '320723100201' },
  { prefix: 'kc', name: '宽城区 (并行调查·乡镇确认·15个工作日)', county: '220103', township: '220103001', village: '220103001001' },
  { prefix: 'yz', name: '铁岭市银州区 (有争议才评议·审核后一次公示)', county: '211202', township: '211202001', village: '211202001001' },
] as const;

const STAFF: { suffix: string; role: Role; level: 'county' | 'township' | 'village'; title: string }[] = [
  { suffix: 'village', role: 'village_assistant', level: 'village', title: '村(社区)协理员' },
  { suffix: 'clerk', role: 'township_clerk', level: 'township', title: '乡镇受理员' },
  { suffix: 'investigator', role: 'township_investigator', level: 'township', title: '乡镇调查员' },
  { suffix: 'reviewer', role: 'township_reviewer', level: 'township', title: '乡镇审核人' },
  { suffix: 'reviewer2', role: 'township_reviewer', level: 'township', title: '乡镇审核人(B岗)' },
  { suffix: 'approver', role: 'county_approver', level: 'county', title: '县级审批人' },
  { suffix: 'checker', role: 'checking_agency', level: 'county', title: '核对机构' },
  { suffix: 'payment', role: 'payment_officer', level: 'county', title: '财务/发放' },
  // A payment run takes three people: the officer who starts it may not release it, so a second officer releases.
  { suffix: 'payment2', role: 'payment_officer', level: 'county', title: '财务/发放(B岗)' },
  { suffix: 'admin', role: 'administrator', level: 'county', title: '系统管理员' },
  { suffix: 'security', role: 'security_admin', level: 'county', title: '安全管理员' },
  { suffix: 'security2', role: 'security_admin', level: 'county', title: '安全管理员(B岗)' },
  { suffix: 'auditor', role: 'auditor', level: 'county', title: '监督/审计' },
  { suffix: 'medical', role: 'medical_officer', level: 'county', title: '医疗救助经办' },
  { suffix: 'leader', role: 'supervisor', level: 'county', title: '领导查询' },
];

/** 领导查询 above the counties: the cities of two demo counties (长春市 over 宽城区, 连云港市 over 灌云县). */
const CITY_LEADERS = [
  { username: 'cc.leader', regionCode: '220100', region: '长春市' },
  { username: 'lyg.leader', regionCode: '320700', region: '连云港市' },
] as const;

export interface DemoUser {
  username: string;
  role: Role;
  regionCode: string;
  region: string;
}

/**
 * The national-level administrator: region `national`, above every province (path '' — the whole tree). Only this
 * level may change what the national level owns, such as the State Council holiday table.
 */
const NATIONAL_ADMIN = { username: 'cn.admin', role: 'administrator', regionCode: NATIONAL_SCOPE, region: '全国', title: '国家级管理员' } as const;

/** Every demo user, region by region, then the national administrator. */
export function demoUsers(): DemoUser[] {
  return [
    ...DEMO_REGIONS.flatMap((r) => STAFF.map((s) => ({ username: `${r.prefix}.${s.suffix}`, role: s.role, regionCode: r[s.level], region: r.name }))),
    ...CITY_LEADERS.map((c) => ({ username: c.username, role: 'supervisor' as const, regionCode: c.regionCode, region: c.region })),
    { username: NATIONAL_ADMIN.username, role: NATIONAL_ADMIN.role, regionCode: NATIONAL_ADMIN.regionCode, region: NATIONAL_ADMIN.region },
  ];
}

/** Creates the demo users that do not exist yet; returns how many were added. */
export async function seedDemoUsers(orm: MikroORM): Promise<number> {
  const em = orm.em.fork();
  const passwordHash = await hash(DEMO_PASSWORD);
  let added = 0;
  for (const r of DEMO_REGIONS) {
    for (const s of STAFF) {
      const username = `${r.prefix}.${s.suffix}`;
      if (await em.findOne(User, { username })) continue;
      const region = await em.findOneOrFail(Region, r[s.level]);
      em.persist(new User({ id: randomUUID(), username, displayName: `${region.name}${s.title}`, passwordHash, role: s.role, regionCode: region.code, regionPath: region.path }));
      added += 1;
    }
  }
  for (const c of CITY_LEADERS) {
    if (await em.findOne(User, { username: c.username })) continue;
    const region = await em.findOneOrFail(Region, c.regionCode);
    em.persist(new User({ id: randomUUID(), username: c.username, displayName: `${region.name}领导查询`, passwordHash, role: 'supervisor', regionCode: region.code, regionPath: region.path }));
    added += 1;
  }
  if (!(await em.findOne(User, { username: NATIONAL_ADMIN.username }))) {
    em.persist(new User({ id: randomUUID(), username: NATIONAL_ADMIN.username, displayName: NATIONAL_ADMIN.title, passwordHash, role: NATIONAL_ADMIN.role, regionCode: NATIONAL_ADMIN.regionCode, regionPath: '' }));
    added += 1;
  }
  await em.flush();
  return added;
}
