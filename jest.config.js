/**
 * Two worlds, one `npm test`:
 * - node: the domain, the cloud functions, the emulator and scripts;
 * - miniprogram: pages and components rendered by miniprogram-simulate in jsdom, with the real TDesign
 *   components (their dist is ESM, so babel-jest transforms it).
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.node.json', diagnostics: false }];

module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      // Scenario tests go through the function host; on a shared 2-core machine one call can take seconds.
      testTimeout: 60_000,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/miniprogram/'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/miniprogram'],
      testMatch: ['**/*.test.ts'],
      transform: {
        '^.+\\.ts$': tsJest,
        'tdesign-miniprogram/.+\\.js$': ['babel-jest', { presets: [['@babel/preset-env', { targets: { node: 'current' } }]] }],
      },
      transformIgnorePatterns: ['/node_modules/(?!tdesign-miniprogram/)'],
    },
  ],
};
