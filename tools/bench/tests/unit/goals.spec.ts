import { GOALS, goalStatus } from '../../src/goals';

describe('GOALS', () => {
  it('lists the performance targets (1–8) and the face-framing ones (9–13) once each, in order, then the standing checks', () => {
    expect(GOALS.map((goal) => goal.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, undefined]);
    expect(new Set(GOALS.map((goal) => goal.id)).size).toBe(GOALS.length);
  });
});

describe('goalStatus', () => {
  it('is not measured without a single figure, never a pass', () => {
    expect(goalStatus([])).toBe('not measured');
  });

  it('misses when any figure misses', () => {
    expect(goalStatus(['pass', 'MISS', 'info'])).toBe('MISS');
  });

  it('passes when every bounded figure passes', () => {
    expect(goalStatus(['pass', 'info'])).toBe('pass');
  });

  it('is information when no figure has a bound', () => {
    expect(goalStatus(['info', 'info'])).toBe('info');
  });
});
