import { readFileSync } from 'node:fs';
import { AVATAR_FORMATS, DEFAULT_AVATAR_SIZES } from '@cruddur/media/image';
import { README, main, withTable } from '../../src/main';
import { ASSUMPTIONS, codeFacts, costPerMillion, costTable, pollsUntil } from '../../src/model';

const total = (rows: ReturnType<typeof costPerMillion>) => rows.at(-1)!.usd;

describe('the cost model', () => {
  it('reads what the code does: 4 renditions (sizes × formats), the contract poll schedule, one authorizer run', () => {
    const facts = codeFacts();
    expect(facts.renditions).toBe(DEFAULT_AVATAR_SIZES.length * AVATAR_FORMATS.length);
    expect(facts).toEqual({ renditions: 4, pollsPerUpload: 4, authorizerRunsPerUpload: 1, invalidationPathsPerReplacement: 1, deletionEventsPerReplacement: 4 });
  });

  it('counts the polls of the contract schedule until the outcome', () => {
    expect([0.1, 0.25, 0.6, 1.2, 2, 3, 10].map(pollsUntil)).toEqual([1, 1, 2, 4, 4, 5, 12]);
    expect(pollsUntil(1_000)).toBe(pollsUntil(120));
  });

  it('moves with the constants: fewer renditions, no invalidation, more polls', () => {
    const facts = codeFacts();
    const base = total(costPerMillion(facts));
    expect(total(costPerMillion({ ...facts, renditions: 3, deletionEventsPerReplacement: 3 }))).toBeLessThan(base);
    expect(base - total(costPerMillion({ ...facts, invalidationPathsPerReplacement: 0 }))).toBeCloseTo(4_995, 0);
    expect(total(costPerMillion({ ...facts, pollsPerUpload: 10 }))).toBeGreaterThan(base);
    expect(total(costPerMillion(facts, { ...ASSUMPTIONS, thumbnailSeconds: 3 }))).toBeCloseTo(base + 20, 0);
  });

  it("infra/README.md shows today's table (regenerate: npx tsx tools/cost/src/main.ts table --write)", () => {
    const readme = readFileSync(README, 'utf8');
    expect(withTable(readme, costTable())).toBe(readme);
  });

  it('is a CLI: --help, and a usage error for anything else', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(main(['--help'])).toBe(0);
    expect(log.mock.calls[0]?.[0]).toContain('Usage: npx tsx tools/cost/src/main.ts');
    expect(main(['check'])).toBe(0);
    expect(main(['tables'])).toBe(2);
    expect(error.mock.calls[0]?.[0]).toContain('unknown command: tables');
    log.mockRestore();
    error.mockRestore();
  });
});
