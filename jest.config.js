/** @type {import('jest').Config} */
export default {
  preset: "ts-jest/presets/default-esm",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Fails any test that sent the fake GitHub a request it does not model.
  setupFilesAfterEnv: ["<rootDir>/test/kit/teardown.ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.test.json", diagnostics: false }],
  },
  // Type errors are caught once by `npm run typecheck`; ts-jest only transpiles.
  testTimeout: 20_000,
  collectCoverageFrom: ["src/**/*.ts"],
};
