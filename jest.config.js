// Jest: Oracle's SuiteCloud configuration (N/* mapped to Oracle's stubs for unit tests of adapters,
// SuiteScripts/... mapped to the compiled output) plus TypeScript through SWC.
// Integration tests do not use the stubs: they run compiled scripts through the local runtime (runtime/).
const SuiteCloudJestConfiguration = require('@oracle/suitecloud-unit-testing/jest-configuration/SuiteCloudJestConfiguration');

const suitecloud = SuiteCloudJestConfiguration.build({
  projectFolder: 'src',
  projectType: SuiteCloudJestConfiguration.ProjectType.ACP,
});

/** @type {import('jest').Config} */
module.exports = {
  ...suitecloud,
  transform: {
    ...suitecloud.transform,
    // noInterop: Oracle's stubs put methods on prototypes, which an interop copy would lose (TOOLCHAIN.md).
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs', noInterop: true } }],
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/.ns-local/'],
  testEnvironment: 'node',
  testTimeout: 60000,
};
