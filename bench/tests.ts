import { createConfigStore } from "../src/config/config-store.js";
import { MAX_CHAIN_ROUNDS, moreFilesToRead } from "../src/suite/chain-links.js";
import { filesToRead } from "../src/suite/ci-files.js";
import {
  judgeMainlineTests,
  judgeMainlineTestsJob,
  type MainlineTestsData,
} from "../src/suite/judge-mainline-tests.js";
import { createSuiteJudge } from "../src/suite/suite-judge.js";
import { testsSchema } from "../src/config/schema.js";
import { FakeGitHub, type RecordedRequest } from "../test/kit/fake-github.js";
import { startAndon, stopAndon } from "../test/kit/harness.js";
import { treeShaOf, type FakeRepo } from "../test/kit/state.js";
import { bigRepo, goMonorepo, GO_SERVICES, JS_SHOP } from "../test/suite/shapes.js";
import { ratio, type BenchTable } from "./table.js";

interface Shape {
  name: string;
  files: Record<string, string>;
  services: string[];
  /** The fake's recursive-listing limit: below the tree's size, GitHub truncates. */
  treeLimit?: number;
}

/** CI → `make ci` → `./scripts/test.sh` → pytest: two chain links read as two more rounds. */
const CHAINED: Record<string, string> = {
  ".github/workflows/ci.yml":
    "on: [push, pull_request]\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make ci\n",
  Makefile: "ci: lint\n\t./scripts/test.sh\n\nlint:\n\truff check .\n",
  "scripts/test.sh": "#!/bin/sh\nset -e\npython -m pytest -q\n",
  "pkg/__init__.py": "",
  "tests/test_pkg.py": "def test_ok():\n    assert True\n",
};

/**
 * The files a judgement of `files` reads: `filesToRead`, then each round of chain links
 * (a Makefile, a build script) until nothing new is wanted, as the app does.
 */
function filesNeeded(files: Record<string, string>, config: { services: string[] }): number {
  const paths = Object.keys(files);
  const read = new Set(filesToRead(paths, config));
  const known: Record<string, string> = {};
  const take = (path: string) => {
    read.add(path);
    if (files[path] !== undefined) known[path] = files[path];
  };
  [...read].forEach(take);
  for (let round = 0; round < MAX_CHAIN_ROUNDS; round++) {
    const next = moreFilesToRead(paths, known, config).filter((path) => !(path in known));
    if (next.length === 0) break;
    next.forEach(take);
  }
  return read.size;
}

const SHAPES: Shape[] = [
  { name: "small JS repo", files: JS_SHOP, services: [] },
  { name: "Python, CI → Makefile → script", files: CHAINED, services: [] },
  { name: "Go monorepo, 3 services", files: goMonorepo(200), services: GO_SERVICES },
  { name: "truncated big tree", files: bigRepo(40, 25), services: [], treeLimit: 500 },
];

/**
 * The cases, in the order one app instance meets them: a push (tree sha in the payload),
 * a commit known by sha alone (a PR head, a sweep), the next push with CI files unchanged,
 * and the same tree once more (a squash merge of an up-to-date PR, a re-run).
 */
const CASES = ["push", "by sha (PR head)", "next commit", "same tree again"] as const;

const by = (requests: RecordedRequest[], part: string) =>
  requests.filter((r) => r.route.includes(part)).length;

async function measureShape(shape: Shape): Promise<BenchTable["rows"]> {
  const fake = new FakeGitHub();
  const repo = fake.repo("acme/shape", { files: shape.files });
  if (shape.treeLimit) fake.treeLimit = shape.treeLimit;
  const { probot } = await startAndon({}, fake);
  const octokit = await probot.auth(1);
  const judgeSuite = createSuiteJudge();
  const config = testsSchema.parse({ services: shape.services });
  const run = async (data: MainlineTestsData) => {
    fake.resetRequests();
    // A fresh config store per run: each case pays for reading andon.yml, as one job does.
    const judge = judgeMainlineTests({
      judgeSuite,
      configs: createConfigStore({ clock: fake.clock }),
    });
    const enqueue = async () => {};
    await judge(judgeMainlineTestsJob.of(data, 1), { octokit, log: probot.log, enqueue });
    return fake.requests.filter((r) => !r.route.includes("access_tokens"));
  };
  const land = (repo: FakeRepo, path: string) =>
    fake.push(repo, "main", { files: { [path]: `// ${path}\n` } });

  const rows: BenchTable["rows"] = [];
  for (const name of CASES) {
    const commit =
      name === "push"
        ? repo.commits.get(fake.head(repo))!
        : name === "by sha (PR head)"
          ? land(repo, "src/a.ts")
          : name === "next commit"
            ? land(repo, "src/b.ts")
            : fake.push(repo, "main", { message: "Re-run" });
    const data = { owner: repo.owner, repo: repo.name, sha: commit.sha };
    const requests = await run(
      name === "by sha (PR head)" ? data : { ...data, treeSha: treeShaOf(commit.files) },
    );
    const paths = Object.keys(commit.files);
    const wanted = filesNeeded(commit.files, config);
    const trees = by(requests, "/git/trees/");
    const blobs = by(requests, "/git/blobs/");
    const lookups = by(requests, "/git/commits/");
    const writes = requests.filter((r) => r.method !== "GET").length;
    const other = requests.length - trees - blobs - lookups - writes;
    // Every case is a new commit, so its check run is one write even when its tree is known.
    const bound = name === "same tree again" ? 1 : 1 + wanted + 1;
    rows.push([
      shape.name,
      name,
      paths.length,
      wanted,
      lookups,
      trees,
      blobs,
      other,
      writes,
      requests.length,
      bound,
      ratio(lookups + trees + blobs + writes, bound),
    ]);
  }
  stopAndon();
  return rows;
}

/**
 * Requests to judge one mainline commit's test suite, per repo shape, beside the lower
 * bound. The job runs alone on the fake (not through a push, whose mainline evaluation
 * would mix its own requests in), with one suite judge for all four cases of a shape.
 */
export async function testsBench(): Promise<BenchTable> {
  const rows: BenchTable["rows"] = [];
  for (const shape of SHAPES) rows.push(...(await measureShape(shape)));
  return {
    title: "andon/tests: requests per judged mainline commit",
    bound:
      "a tree not judged before: 1 tree read + 1 read per file `filesToRead` names and per chain link it leads to (a Makefile, a build script: each read once per blob sha) + 1 write; " +
      "a tree judged before: no tree or file read, the write alone. The ratio compares tree, file and commit reads plus writes with " +
      "it; `other reads` (andon.yml: the repo's, then the org's `.github`; the existing " +
      "andon/tests run, to skip an unchanged write) come with every job. `next commit` re-reads " +
      "the tree but no CI file (cached by blob sha).",
    columns: [
      "shape",
      "case",
      "files",
      "files + chain links",
      "commit reads",
      "tree reads",
      "file reads",
      "other reads",
      "writes",
      "requests",
      "lower bound",
      "ratio",
    ],
    rows,
  };
}
