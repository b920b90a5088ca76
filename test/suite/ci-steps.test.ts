import { describe, expect, it } from "@jest/globals";
import { findTestSteps } from "../../src/suite/ci-steps.js";

const noServices = { services: [] };

/** The steps of one tree given as `{ path: content }`, as `file:line command`. */
function stepsOf(files: Record<string, string>, extraPaths: string[] = []) {
  const { steps } = findTestSteps([...Object.keys(files), ...extraPaths], files, noServices);
  return steps.map((step) => `${step.file}:${step.line} ${step.command}`);
}

const PACKAGE = JSON.stringify({ scripts: { test: "jest" } });

describe("findTestSteps in GitHub Actions", () => {
  it("cites the line of each command inside a multi-line `run: |` script", () => {
    const workflow = [
      "on: push", //                                  1
      "jobs:", //                                     2
      "  test:", //                                   3
      "    runs-on: ubuntu-latest", //                4
      "    steps:", //                                5
      "      - run: |", //                            6
      "          npm ci", //                          7
      "", //                                          8
      "          # unit tests first", //              9
      "          npm test -- \\", //                  10
      "            --coverage", //                    11
      "          go test ./... && echo done", //      12
      "      - run: >", //                            13
      "          pytest", //                          14
      "          -q", //                              15
    ].join("\n");
    expect(stepsOf({ ".github/workflows/ci.yml": workflow, "package.json": PACKAGE })).toEqual([
      ".github/workflows/ci.yml:10 npm test -- --coverage",
      ".github/workflows/ci.yml:12 go test ./...",
      ".github/workflows/ci.yml:14 pytest",
    ]);
  });

  it("fills `${{ matrix.* }}` from the matrix and its `include` entries", () => {
    const workflow = `on: pull_request
jobs:
  check:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        task: [lint, build]
        include:
          - task: test
    steps:
      - run: npm run \${{ matrix.task }}
`;
    const pkg = JSON.stringify({ scripts: { lint: "eslint .", build: "tsc", test: "vitest run" } });
    expect(stepsOf({ ".github/workflows/ci.yml": workflow, "package.json": pkg })).toEqual([
      ".github/workflows/ci.yml:11 npm run test",
    ]);
  });

  it("counts a reusable workflow that no local workflow calls: another repository may", () => {
    const reusable = `on:
  workflow_call:
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: cargo test
`;
    expect(stepsOf({ ".github/workflows/shared.yml": reusable })).toEqual([
      ".github/workflows/shared.yml:7 cargo test",
    ]);
  });

  it("follows nested local composite actions and ignores ones missing from the tree", () => {
    const workflow = `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/outer
      - uses: ./.github/actions/missing
`;
    const outer = `runs:
  using: composite
  steps:
    - uses: ./.github/actions/inner
      with:
        target: check
`;
    const inner = `inputs:
  target:
    default: build
runs:
  using: composite
  steps:
    - shell: bash
      run: make \${{ inputs.target }}
`;
    const files = {
      ".github/workflows/ci.yml": workflow,
      ".github/actions/outer/action.yml": outer,
      ".github/actions/inner/action.yaml": inner,
    };
    expect(stepsOf(files)).toEqual([".github/actions/inner/action.yaml:8 make check"]);
  });

  it("reads test commands given to hosted actions (`with: script`, Gradle `arguments`)", () => {
    const workflow = `on: push
jobs:
  android:
    runs-on: macos-latest
    steps:
      - uses: reactivecircus/android-emulator-runner@v2
        with:
          api-level: 29
          script: ./gradlew connectedCheck
      - uses: gradle/gradle-build-action@v2
        with:
          arguments: test --scan
`;
    expect(stepsOf({ ".github/workflows/android.yml": workflow })).toEqual([
      ".github/workflows/android.yml:9 ./gradlew connectedCheck",
      ".github/workflows/android.yml:12 gradle test --scan",
    ]);
  });
});

describe("findTestSteps in other CI systems", () => {
  it("reads GitLab scripts shared through anchors at the anchor's line", () => {
    const gitlab = `.test: &test
  script:
    - bundle exec rspec

rspec:
  <<: *test
  image: ruby:3.3

lint:
  script: bundle exec rubocop
`;
    expect(stepsOf({ ".gitlab-ci.yml": gitlab })).toEqual([".gitlab-ci.yml:3 bundle exec rspec"]);
  });

  it("reads GitLab files that use the `!reference` tag", () => {
    const gitlab = `.setup:
  before_script:
    - pip install -r requirements.txt
test:
  before_script:
    - !reference [.setup, before_script]
  script:
    - pytest
`;
    expect(stepsOf({ ".gitlab-ci.yml": gitlab })).toEqual([".gitlab-ci.yml:8 pytest"]);
  });

  it("reads CircleCI `run` in both forms, inside `when` too", () => {
    const circle = `version: 2.1
jobs:
  build:
    docker:
      - image: cimg/go:1.22
    steps:
      - checkout
      - run: go vet ./...
      - when:
          condition: << pipeline.git.branch >>
          steps:
            - run:
                name: tests
                command: |
                  go test ./...
`;
    expect(stepsOf({ ".circleci/config.yml": circle })).toEqual([
      ".circleci/config.yml:15 go test ./...",
    ]);
  });

  it("reads Jenkins `sh`, `sh(script:)` and `bat` steps, triple-quoted ones line by line", () => {
    const jenkinsfile = `node {
  stage('Build') {
    sh(script: 'mvn -B -DskipTests package')
  }
  stage('Test') {
    sh """
      export CI=true
      mvn -B test
    """
    bat 'gradlew.bat check'
  }
}
`;
    expect(stepsOf({ Jenkinsfile: jenkinsfile })).toEqual([
      "Jenkinsfile:8 mvn -B test",
      "Jenkinsfile:10 gradlew.bat check",
    ]);
  });

  it("reads Azure tasks whose defaults run tests (Maven `package`) and VSTest", () => {
    const azure = `steps:
- task: Maven@4
  inputs:
    mavenPomFile: pom.xml
- task: VSTest@2
  inputs:
    testAssemblyVer2: '**/*Tests.dll'
- task: Gradle@3
  inputs:
    tasks: assemble
`;
    expect(stepsOf({ "azure-pipelines.yml": azure })).toEqual([
      "azure-pipelines.yml:2 mvn package",
      "azure-pipelines.yml:5 VSTest",
    ]);
  });

  it("reads each Buildkite `commands` entry on its own line", () => {
    const buildkite = `steps:
  - label: tests
    commands:
      - yarn install
      - yarn test
`;
    const pkg = JSON.stringify({ scripts: { test: "jest" } });
    expect(stepsOf({ ".buildkite/pipeline.yml": buildkite, "package.json": pkg })).toEqual([
      ".buildkite/pipeline.yml:5 yarn test",
    ]);
  });

  it("holds Travis to its default `npm test`, placeholder and all", () => {
    const travis = "language: node_js\nnode_js: [20]\n";
    const placeholder = JSON.stringify({
      scripts: { test: 'echo "Error: no test specified" && exit 1' },
    });
    expect(stepsOf({ ".travis.yml": travis, "package.json": placeholder })).toEqual([]);
    expect(stepsOf({ ".travis.yml": travis, "package.json": PACKAGE })).toEqual([
      ".travis.yml:1 npm test",
    ]);
  });
});

describe("findTestSteps on files it could not read", () => {
  it("lists CI files whose contents were not fetched, and unparsable ones with their line", () => {
    const evidence = findTestSteps(
      [".github/workflows/a.yml", ".github/workflows/b.yml"],
      { ".github/workflows/b.yml": "jobs:\n  x: [\n" },
      noServices,
    );
    expect(evidence.steps).toEqual([]);
    expect(evidence.unreadable).toEqual([
      { file: ".github/workflows/a.yml", reason: "its contents were not fetched" },
      expect.objectContaining({ file: ".github/workflows/b.yml", line: 3 }),
    ]);
  });
});
