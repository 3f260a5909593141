import { median, pairedRatio, perSecond, rotate } from '../../src/stats';

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('pairedRatio', () => {
  it('is the median of the round-by-round ratios', () => {
    expect(pairedRatio([10, 30, 12], [20, 20, 10])).toBe(1.2);
  });

  it('is not fooled by one round where the machine was busy', () => {
    expect(pairedRatio([9, 9, 1], [10, 10, 10])).toBeCloseTo(0.9);
  });

  it('refuses rounds that do not pair up', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(RangeError);
  });
});

describe('perSecond', () => {
  it('turns a count and milliseconds into a rate', () => {
    expect(perSecond(5, 250)).toBe(20);
  });

  it('refuses a zero duration', () => {
    expect(() => perSecond(1, 0)).toThrow(RangeError);
  });
});

describe('rotate', () => {
  it('moves the first item to the back once per round', () => {
    expect(rotate(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(rotate(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
    expect(rotate(['a', 'b', 'c'], -1)).toEqual(['c', 'a', 'b']);
  });
});
