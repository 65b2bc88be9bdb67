import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { departmentRecordSchema } from './departments.port';
import { idNumberCheckDigit, isValidIdNumber, redactIdNumbers } from './id-number';
import { DEMO_PEOPLE } from './sandbox/demo-people';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The standard's definition spelled out independently: the check value c satisfies (sum + c) ≡ 1 (mod 11). */
function satisfiesMod11_2(id: string): boolean {
  const value = id[17] === 'X' ? 10 : Number(id[17]);
  const sum = WEIGHTS.reduce((total, w, i) => total + w * Number(id[i]), 0);
  return (sum + value) % 11 === 1;
}

describe('idNumberCheckDigit', () => {
  it('computes the check character of ID numbers constructed by hand', () => {
    const samples = ['32072319580312042', '22010319750618113', '21120219820407035', '11010519491231002'];
    for (const first17 of samples) {
      const id = first17 + idNumberCheckDigit(first17);
      expect(satisfiesMod11_2(id)).toBe(true);
      expect(isValidIdNumber(id)).toBe(true);
    }
    // 11010519491231002X is the worked example printed in GB 11643-1999 itself.
    expect(idNumberCheckDigit('11010519491231002')).toBe('X');
    expect(idNumberCheckDigit('32072319580312042')).toBe('9');
  });

  it("gives 'X' when the weighted sum is 2 mod 11", () => {
    // 3·7+2·9+0·10+7·5+2·8+3·4+1·2+9·1+9·6+0·3+0·7+7·9+1·10+5·5+1·8+5·4+3·2 = 299 = 27·11 + 2
    expect(idNumberCheckDigit('32072319900715153')).toBe('X');
    expect(isValidIdNumber('32072319900715153X')).toBe(true);
  });

  it('refuses input that is not 17 digits, without repeating it', () => {
    for (const bad of ['3207231958031204', '320723195803120429', '3207231958031204a']) {
      expect(() => idNumberCheckDigit(bad)).toThrow(RangeError);
      expect(() => idNumberCheckDigit(bad)).not.toThrow(bad);
    }
  });
});

describe('isValidIdNumber', () => {
  const valid = '320723195803120429';

  it('rejects every wrong check character', () => {
    for (const c of '0123456789X') {
      const id = valid.slice(0, 17) + c;
      expect(isValidIdNumber(id)).toBe(c === '9');
    }
  });

  it('rejects a lower-case x, wrong lengths and non-digits', () => {
    expect(isValidIdNumber('32072319900715153x')).toBe(false);
    expect(isValidIdNumber(valid.slice(0, 17))).toBe(false);
    expect(isValidIdNumber(valid + '0')).toBe(false);
    expect(isValidIdNumber('32072319580312042A')).toBe(false);
  });

  it('rejects impossible birth dates even with a correct check character', () => {
    for (const date of ['19580230', '19581301', '19580100', '18991231']) {
      const first17 = `320723${date}042`;
      expect(isValidIdNumber(first17 + idNumberCheckDigit(first17))).toBe(false);
    }
    const leapDay = '32072320000229042';
    expect(isValidIdNumber(leapDay + idNumberCheckDigit(leapDay))).toBe(true);
  });
});

describe('redactIdNumbers', () => {
  it('hides 18- and 15-character ID numbers in free text', () => {
    expect(redactIdNumbers('person 32072319900715153X and 320723580312042 unknown')).toBe('person [id] and [id] unknown');
    expect(redactIdNumbers('field idNumbers.0')).toBe('field idNumbers.0');
  });
});

describe('demo people and records', () => {
  const file = resolve(__dirname, 'sandbox', 'demo-records.json');
  const records = z.array(departmentRecordSchema).parse(JSON.parse(readFileSync(file, 'utf8')));

  it('has about a dozen people, each with a valid, unique ID number consistent with their details', () => {
    expect(DEMO_PEOPLE.length).toBe(12);
    expect(new Set(DEMO_PEOPLE.map((p) => p.idNumber)).size).toBe(DEMO_PEOPLE.length);
    for (const person of DEMO_PEOPLE) {
      expect({ id: person.idNumber, valid: isValidIdNumber(person.idNumber) }).toEqual({ id: person.idNumber, valid: true });
      expect(person.idNumber.slice(0, 6)).toBe(person.regionCode);
      expect(person.idNumber.slice(6, 14)).toBe(person.birthDate.replaceAll('-', ''));
      expect(Number(person.idNumber[16]) % 2 === 1 ? 'male' : 'female').toBe(person.sex);
      const year = Number(person.birthDate.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(1950);
      expect(year).toBeLessThanOrEqual(2010);
    }
  });

  it('holds records only about demo people, every ID valid, everyone registered in a household', () => {
    const people = new Set(DEMO_PEOPLE.map((p) => p.idNumber));
    for (const record of records) {
      expect(isValidIdNumber(record.idNumber)).toBe(true);
      expect(people.has(record.idNumber)).toBe(true);
    }
    const registered = records.filter((r) => r.source === 'household_registry').map((r) => r.idNumber);
    expect(new Set(registered)).toEqual(people);
  });

  it('groups each demo household under one 户号', () => {
    const householdNo = new Map(
      records.flatMap((r) => (r.source === 'household_registry' ? [[r.idNumber, r.householdNo] as const] : [])),
    );
    for (const key of new Set(DEMO_PEOPLE.map((p) => p.household))) {
      const numbers = DEMO_PEOPLE.filter((p) => p.household === key).map((p) => householdNo.get(p.idNumber));
      expect(new Set(numbers).size).toBe(1);
    }
    expect(new Set(householdNo.values()).size).toBe(6);
  });
});
