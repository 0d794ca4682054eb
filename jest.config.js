/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // office-addin-mock requires office-addin-manifest, whose ESM-only dependency jest 30 cannot load.
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/test/fake-excel/office-addin-manifest-stub.js' },
  testTimeout: 120000,
};
