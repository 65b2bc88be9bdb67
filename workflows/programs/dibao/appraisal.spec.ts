import { checkAppraisal } from './appraisal';

test('two thirds of the panel must be there: 6 of 9 is a quorum, 5 of 9 is not', () => {
  expect(checkAppraisal({ panelSize: 9, present: 6, votesFor: 4, votesAgainst: 2 })).toEqual({ valid: true, outcome: 'pass' });
  expect(checkAppraisal({ panelSize: 9, present: 5, votesFor: 5, votesAgainst: 0 })).toEqual({ valid: false, problem: 'quorum' });
});

test('过半数 of those present, strictly: 3 of 6 is not a majority', () => {
  expect(checkAppraisal({ panelSize: 9, present: 6, votesFor: 3, votesAgainst: 3 })).toEqual({ valid: true, outcome: 'fail' });
  expect(checkAppraisal({ panelSize: 9, present: 7, votesFor: 4, votesAgainst: 0 })).toEqual({ valid: true, outcome: 'pass' });
});

test('a record that does not add up is refused; a region may set its own quorum', () => {
  expect(checkAppraisal({ panelSize: 9, present: 10, votesFor: 9, votesAgainst: 0 })).toEqual({ valid: false, problem: 'counts' });
  expect(checkAppraisal({ panelSize: 9, present: 7, votesFor: 5, votesAgainst: 3 })).toEqual({ valid: false, problem: 'counts' });
  const half = { quorum: { numerator: 1, denominator: 2 }, onFail: 'reinvestigate' as const };
  expect(checkAppraisal({ panelSize: 10, present: 5, votesFor: 3, votesAgainst: 2 }, half)).toEqual({ valid: true, outcome: 'pass' });
});
