/**
 * Two projects: fast unit tests of the engine, ports, app and manifest; and the slow ones that build
 * with webpack and drive the task pane in Debian's Chromium. The e2e project builds its pages once per
 * run, for all its test files (test/e2e/harness.ts; globalSetup gives the run its build folder).
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

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
