import { randomInt } from 'node:crypto';
import { idNumberCheckDigit } from '../../activities/departments/id-number';

/** A well-formed, fictional resident ID number (GB 11643 check character) for a birth date. */
/** Sequence digits: counted from a random start, so one test file never makes the same number twice for a birth date. */
let sequence = randomInt(1000);

export function fakeIdNumber(prefix: string, birthDate: string): string {
  sequence = (sequence + 1) % 1000;
  const first17 = `${prefix}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idNumberCheckDigit(first17)}`;
}

/** A random birth date between two years (inclusive), so generated people rarely share an ID number. */
export function randomBirthDate(fromYear: number, toYear: number): string {
  const from = Date.UTC(fromYear, 0, 1);
  const to = Date.UTC(toYear, 11, 31);
  return new Date(from + randomInt(Math.floor((to - from) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

export interface MemberInput {
  name: string;
  idNumber: string;
  relation: string;
  birthDate: string;
  declaredMonthlyIncomeFen: number;
  disabilityGrade?: number | null;
}

/** A fictional 19-digit card number (62 prefix, like a UnionPay debit card), random enough to be unique per test. */
export function fakeBankAccount(): string {
  return `6228${Array.from({ length: 15 }, () => randomInt(10)).join('')}`;
}

/** An application body for a household of a head and, optionally, more members. */
export function applicationBody(regionCode: string, options: { members?: Partial<MemberInput>[]; missingDocuments?: string[] } = {}) {
  const prefix = regionCode.slice(0, 6);
  const specs = options.members ?? [{ relation: 'head' }, { relation: 'child' }];
  const members = specs.map((m, i) => {
    const birthDate = m.birthDate ?? (i === 0 ? randomBirthDate(1950, 1990) : randomBirthDate(2010, 2014));
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
    bankAccount: { bankName: '中国农业银行测试支行', accountNumber: fakeBankAccount() },
    members,
    authorizationSigned: true,
    missingDocuments: options.missingDocuments ?? [],
  };
}
