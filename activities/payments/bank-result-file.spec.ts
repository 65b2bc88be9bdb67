import { parseResultFile, ResultFileFormatError, resultFileHash } from './bank-result-file';

const file = (text: string) => Buffer.from(text, 'utf8');

describe('the bank result file format', () => {
  test('columns in any order, a BOM and blank lines are accepted; lines come back typed with their line numbers', () => {
    const { lines, malformed } = parseResultFile(file('\ufeffamount_fen,reference,result,value_date,reason_code\n\n41500,K-1,failed,2026-04-20,account_closed\n83000,K-2,paid,2026-04-21,\n'));
    expect(malformed).toEqual([]);
    expect(lines).toEqual([
      { line: 2, reference: 'K-1', result: 'failed', reasonCode: 'account_closed', amountFen: 41_500, valueDate: '2026-04-20' },
      { line: 3, reference: 'K-2', result: 'paid', reasonCode: null, amountFen: 83_000, valueDate: '2026-04-21' },
    ]);
  });

  test('each broken rule names its column: a failure needs a known reason, a payment none; fen are whole; dates are real', () => {
    const { lines, malformed } = parseResultFile(
      file(
        'reference,result,reason_code,amount_fen,value_date\n' +
          'A,failed,,100,2026-04-20\n' +
          'B,paid,account_closed,100,2026-04-20\n' +
          'C,returned,moon_phase,100,2026-04-20\n' +
          'D,paid,,1.5,2026-04-20\n' +
          'E,paid,,100,2026-13-01\n' +
          ',paid,,100,2026-04-20\n' +
          'F\u0000G,paid,,100,2026-04-20\n',
      ),
    );
    expect(lines).toEqual([]);
    expect(malformed.map((m) => [m.line, m.code])).toEqual([
      [2, 'invalid_reason_code'],
      [3, 'invalid_reason_code'],
      [4, 'invalid_reason_code'],
      [5, 'invalid_amount_fen'],
      [6, 'invalid_value_date'],
      [7, 'invalid_reference'],
      [8, 'invalid_reference'],
    ]);
    expect(malformed[6]!.reference).toBe('F?G');
  });

  test('a header without the columns is a format error; the hash tells the same bytes apart from others', () => {
    expect(() => parseResultFile(file('payment,status\nA,paid\n'))).toThrow(ResultFileFormatError);
    expect(resultFileHash(file('a'))).toBe(resultFileHash(file('a')));
    expect(resultFileHash(file('a'))).not.toBe(resultFileHash(file('a\n')));
  });
});
