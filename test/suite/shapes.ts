/**
 * Repositories as teams write them, for the `andon/tests` stories and the bench: real
 * workflow files and `package.json` scripts, not strings shaped to please the detector.
 */
export const PACKAGE_JSON = `{
  "name": "shop",
  "version": "1.0.0",
  "private": true,
  "scripts": {
    "build": "tsc -p .",
    "test": "jest"
  },
  "devDependencies": {
    "jest": "^30.0.0",
    "typescript": "^5.9.0"
  }
}
`;

export const NODE_WORKFLOW = `name: CI

on:
  push:
    branches: [main]
  pull_request:

jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npm test
`;

/** The line of `npm test` in NODE_WORKFLOW. */
export const NPM_TEST_LINE = 18;

/** A small TypeScript service with Jest tests that GitHub Actions runs. */
export const JS_SHOP: Record<string, string> = {
  "README.md": "# shop\n",
  "package.json": PACKAGE_JSON,
  "tsconfig.json": '{ "compilerOptions": { "strict": true } }\n',
  ".github/workflows/ci.yml": NODE_WORKFLOW,
  "src/cart.ts": "export const total = (prices: number[]) => prices.reduce((a, b) => a + b, 0);\n",
  "src/cart.test.ts":
    'import { total } from "./cart";\ntest("sums", () => expect(total([1, 2])).toBe(3));\n',
};

/** The same service before anyone wrote a test or a workflow. */
export const JS_UNTESTED: Record<string, string> = {
  "README.md": "# shop\n",
  "package.json": PACKAGE_JSON.replace('"jest"', '"echo \\"Error: no test specified\\" && exit 1"'),
  "src/cart.ts": JS_SHOP["src/cart.ts"]!,
};

const goWorkflow = (service: string) => `name: ${service}

on:
  push:
    branches: [main]
    paths: ["${service}/**"]
  pull_request:
    paths: ["${service}/**"]

jobs:
  test:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: ${service}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version-file: ${service}/go.mod
      - run: go vet ./...
      - run: go test -race ./...
`;

export const GO_SERVICES = ["services/api", "services/billing", "services/worker"];

/**
 * A Go monorepo of three services, each with its own workflow; `services/worker` has no
 * tests. `extraFiles` pads each service with source files (for the bench's bigger trees).
 */
export function goMonorepo(extraFiles = 0): Record<string, string> {
  const files: Record<string, string> = {
    "README.md": "# platform\n",
    ".github/andon.yml": `tests:\n  services:\n${GO_SERVICES.map((s) => `    - ${s}\n`).join("")}`,
  };
  for (const service of GO_SERVICES) {
    const name = service.split("/")[1]!;
    files[`.github/workflows/${name}.yml`] = goWorkflow(service);
    files[`${service}/go.mod`] = `module example.com/platform/${name}\n\ngo 1.23\n`;
    files[`${service}/main.go`] = "package main\n\nfunc main() {}\n";
    files[`${service}/internal/handler.go`] = "package internal\n";
    if (name !== "worker") {
      files[`${service}/internal/handler_test.go`] = 'package internal\n\nimport "testing"\n';
    }
    for (let i = 0; i < extraFiles; i++) {
      files[`${service}/internal/gen/file${i}.go`] = `package gen\n\nconst N${i} = ${i}\n`;
    }
  }
  return files;
}

/** JS_SHOP plus `folders` top-level folders of `perFolder` files each: a big tree. */
export function bigRepo(folders: number, perFolder: number): Record<string, string> {
  const files = { ...JS_SHOP };
  for (let f = 0; f < folders; f++) {
    for (let i = 0; i < perFolder; i++) {
      files[`pkg${String(f).padStart(3, "0")}/lib/file${i}.ts`] = `export const x${i} = ${i};\n`;
    }
  }
  return files;
}
