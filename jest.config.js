/**
 * Two projects: fast unit tests of the engine, ports, app and manifest; and the slow ones that build
 * with webpack and drive the task pane in Debian's Chromium. The e2e project builds its pages once per
 * run, for all its test files (test/e2e/harness.ts; globalSetup gives the run its build folder).
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
/**
 * d3's modules are published as ES modules only for bundlers; each also ships a UMD build, which
 * Node's require loads as it is (and which requires its d3 neighbours by name, mapped the same way).
 */
const d3AsUmd = { '^(d3-[a-z-]+|internmap)$': '<rootDir>/node_modules/$1/dist/$1.js' };

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/build/'],
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper: d3AsUmd,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e', '<rootDir>/test/build'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
      globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
      transform: { '^.+\\.tsx?$': tsJest },
    },
  ],
};
