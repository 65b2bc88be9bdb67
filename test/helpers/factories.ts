import { idNumberCheckDigit } from '../../activities/departments/id-number';

let sequence = 0;

/** A well-formed, fictional resident ID number (GB 11643 check character), unique within the run. */
export function fakeIdNumber(prefix: string, birthDate: string): string {
  sequence = (sequence + 1) % 1000;
  const seq = String((Date.now() + sequence * 7) % 1000).padStart(3, '0');
  const first17 = `${prefix}${birthDate.replace(/-/g, '')}${seq}`;
  return `${first17}${idNumberCheckDigit(first17)}`;
}

export interface MemberInput {
  name: string;
  idNumber: string;
  relation: string;
  birthDate: string;
  declaredMonthlyIncomeFen: number;
  disabilityGrade?: number | null;
}

/** An application body for a household of a head and, optionally, more members. */
export function applicationBody(regionCode: string, options: { members?: Partial<MemberInput>[]; missingDocuments?: string[] } = {}) {
  const prefix = regionCode.slice(0, 6);
  const specs = options.members ?? [{ relation: 'head' }, { relation: 'child', birthDate: '2012-03-04' }];
  const members = specs.map((m, i) => {
    const birthDate = m.birthDate ?? (i === 0 ? '1970-05-06' : '2011-02-03');
    return {
      name: m.name ?? (i === 0 ? '测试户主' : `测试成员${i}`),
      idNumber: m.idNumber ?? fakeIdNumber(prefix, birthDate),
      relation: m.relation ?? (i === 0 ? 'head' : 'child'),
      birthDate,
      declaredMonthlyIncomeFen: m.declaredMonthlyIncomeFen ?? (i === 0 ? 30_000 : 0),
      disabilityGrade: m.disabilityGrade ?? null,
    };
  });
  return {
    regionCode,
    address: '测试路1号',
    phone: '13800001234',
    members,
    authorizationSigned: true,
    missingDocuments: options.missingDocuments ?? [],
  };
}
