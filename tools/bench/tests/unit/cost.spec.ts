import { FUNCTION_SIZING } from '@cruddur/shared/contract';
import { ARM64_PRICE, gbSecondsPerMillion, thumbnailCostRows } from '../../src/cost';

describe('gbSecondsPerMillion', () => {
  it('is memory in GB × seconds × a million', () => {
    expect(gbSecondsPerMillion(100, 1024)).toBeCloseTo(100_000, 6);
    expect(gbSecondsPerMillion(250, 512)).toBeCloseTo(125_000, 6);
  });
});

describe('thumbnailCostRows', () => {
  it('bills the handler time at the thumbnail\'s configured memory and the dated arm64 price', () => {
    const [gbs, usd] = thumbnailCostRows(200, '12 MP JPEG');
    const expected = (FUNCTION_SIZING.thumbnail.memoryMb / 1024) * 0.2 * 1e6;
    expect(gbs).toMatchObject({ section: 'cost', unit: 'GB-s', goal: 'cost' });
    expect(gbs?.value).toBeCloseTo(expected, 6);
    expect(usd?.value).toBeCloseTo(expected * ARM64_PRICE.usdPerGbSecond, 9);
    expect(usd?.measure).toContain(ARM64_PRICE.asOf);
  });
});
