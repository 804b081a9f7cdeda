/** Two projects: fast unit tests of the engine and ports, and end-to-end tests in Chromium. */
const tsJest = ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }];

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
      transform: { '^.+\\.tsx?$': tsJest },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e.test.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
      testTimeout: 120000,
    },
  ],
};
