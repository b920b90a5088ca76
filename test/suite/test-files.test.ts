import { describe, expect, it } from "@jest/globals";
import { listTestFiles, summariseTestFiles, testFileContext } from "../../src/suite/test-files.js";
import { ecosystemOfTestFile, PATH_ONLY_CONTEXT } from "../../src/suite/test-file-rules.js";

describe("ecosystemOfTestFile", () => {
  it.each([
    ["src/parse.test.ts", "js"],
    ["src/Button.spec.jsx", "js"],
    ["src/__tests__/index.ts", "js"],
    ["packages/a/test/helpers.mjs", "js"],
    ["cypress/e2e/checkout.cy.ts", "js"],
    ["spec/PlayerSpec.js", "js"],
    ["tests/test_api.py", "python"],
    ["pkg/api_test.py", "python"],
    ["conftest.py", "python"],
    ["polls/tests.py", "python"],
    ["internal/store/store_test.go", "go"],
    ["src/test/java/com/acme/AppTest.java", "java"],
    ["app/src/androidTest/java/com/acme/MainActivityTest.kt", "java"],
    ["lib/src/test/kotlin/Helpers.kt", "java"],
    ["shared/src/commonTest/kotlin/ClockTest.kt", "java"],
    ["spec/models/user_spec.rb", "ruby"],
    ["test/test_helper.rb", "ruby"],
    ["tests/parse.rs", "rust"],
    ["src/codec/tests.rs", "rust"],
    ["tests/Acme.Api.Tests/OrdersControllerTests.cs", "csharp"],
    ["Shop.UnitTests/CartServiceSpecs.cs", "csharp"],
    ["tests/Feature/ExampleTest.php", "php"],
    ["test/shop/cart_test.exs", "elixir"],
    ["Tests/ParserTests/ParserTests.swift", "swift"],
    ["src/parser_unittest.cc", "cpp"],
    ["test/point.cpp", "cpp"],
  ])("counts %s as %s", (path, ecosystem) => {
    expect(ecosystemOfTestFile(path, PATH_ONLY_CONTEXT)).toBe(ecosystem);
  });

  it.each([
    "src/index.ts",
    "src/types.d.ts",
    "tests/__init__.py",
    "internal/store/store.go",
    "src/main/java/com/acme/App.java",
    "shared/src/commonMain/kotlin/Clock.kt",
    "app/models/user.rb",
    "src/lib.rs",
    "src/Acme.Api/Program.cs",
    "app/Models/User.php",
    "test/support/conn_case.ex",
    "Sources/Parser/Parser.swift",
    "src/point.cpp",
    "tests/fixtures/data.json",
    "README.md",
  ])("does not count %s", (path) => {
    expect(ecosystemOfTestFile(path, PATH_ONLY_CONTEXT)).toBeUndefined();
  });
});

describe("listTestFiles", () => {
  const none = { testPaths: [] };

  it("skips dependencies, build output, generated code, fixtures and snapshots", () => {
    const paths = [
      "node_modules/lodash/test/test.js",
      "vendor/github.com/pkg/errors/errors_test.go",
      "third_party/googletest/test/gtest_unittest.cc",
      "dist/index.test.js",
      "src/__generated__/api.test.ts",
      "test/fixtures/broken.test.js",
      "src/__snapshots__/app.test.tsx",
      "src/app.test.tsx",
    ];
    expect(listTestFiles(paths, {}, none)).toEqual([{ path: "src/app.test.tsx", ecosystem: "js" }]);
  });

  it("counts `tests.testPaths` globs, even where conventions look away", () => {
    const paths = ["qa/backup.bats", "checks/smoke.py", "vendor/acme/qa/x.bats", "lib/backup.sh"];
    const found = listTestFiles(paths, {}, { testPaths: ["qa/**", "checks/*.py"] });
    expect(found).toEqual([
      { path: "qa/backup.bats", ecosystem: "other" },
      { path: "checks/smoke.py", ecosystem: "python" },
    ]);
  });

  it("counts a Rust source with a #[cfg(test)] module only once it has been read", () => {
    const paths = ["Cargo.toml", "src/lib.rs", "src/util.rs"];
    const lib = "pub fn add(a: u8, b: u8) -> u8 { a + b }\n#[cfg(test)]\nmod tests {}\n";
    expect(listTestFiles(paths, {}, none)).toEqual([]);
    expect(
      listTestFiles(paths, { "src/lib.rs": lib, "src/util.rs": "pub fn x() {}" }, none),
    ).toEqual([{ path: "src/lib.rs", ecosystem: "rust" }]);
  });

  it("counts the folders phpunit.xml names as test suites, not its coverage sources", () => {
    const phpunit = `<phpunit><testsuites><testsuite name="u"><directory>./qa/unit</directory></testsuite></testsuites>
      <source><include><directory>src</directory></include></source></phpunit>`;
    const context = testFileContext(["phpunit.xml.dist"], { "phpunit.xml.dist": phpunit });
    expect(context.phpTestFolders).toEqual(["qa/unit"]);
    const found = listTestFiles(
      ["qa/unit/MoneyCheck.php", "src/Money.php"],
      { "phpunit.xml.dist": phpunit },
      none,
    );
    expect(found.map((file) => file.path)).toEqual(["qa/unit/MoneyCheck.php"]);
  });

  it.each([
    ["no CMake at all (Make, Meson)", {}, ["Makefile"], true],
    [
      "CMake registering tests with add_test",
      { "CMakeLists.txt": "enable_testing()\nadd_test(NAME t COMMAND t)\n" },
      ["CMakeLists.txt"],
      true,
    ],
    [
      "CMake that never registers them",
      { "CMakeLists.txt": "add_executable(sample test/sample.c)\n" },
      ["CMakeLists.txt"],
      false,
    ],
  ])("decides C/C++ test folders count with %s", (_case, files, extra, expected) => {
    const paths = [...extra, "src/ring.c", "test/sample.c"];
    expect(testFileContext(paths, files).cTestFoldersCount).toBe(expected);
    expect(listTestFiles(paths, files, none).length).toBe(expected ? 1 : 0);
  });
});

describe("summariseTestFiles", () => {
  it("counts per ecosystem, most first, with the three shallowest examples", () => {
    const paths = [
      "a/b/c/deep_test.go",
      "x_test.go",
      "pkg/y_test.go",
      "pkg/z_test.go",
      "web/app.test.ts",
    ];
    expect(summariseTestFiles(listTestFiles(paths, {}, { testPaths: [] }))).toEqual([
      { ecosystem: "go", count: 4, examples: ["x_test.go", "pkg/y_test.go", "pkg/z_test.go"] },
      { ecosystem: "js", count: 1, examples: ["web/app.test.ts"] },
    ]);
  });
});
