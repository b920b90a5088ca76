import type { Node } from "yaml";
import { scriptsAt } from "./ci-definitions.js";
import type { YamlLookup } from "./github-actions.js";
import { normaliseFolder } from "./paths.js";
import type { RunScript } from "./types.js";
import {
  childOf,
  entriesOf,
  itemsOf,
  pathOf,
  stringOf,
  stringsOf,
  type YamlFile,
} from "./yaml-nodes.js";

const KEYWORDS = new Set(
  "stages variables include workflow image services cache types default".split(" "),
);
const SCRIPTS = ["before_script", "script", "after_script"];
const MAX_INCLUDES = 10;

/** `include:` entries that are files of this repository (`local:` or a bare path). */
function localIncludes(yaml: YamlFile): string[] {
  const include = childOf(yaml, yaml.root, "include");
  const entries = itemsOf(yaml, include).length > 0 ? itemsOf(yaml, include) : [include];
  return entries.flatMap((entry) => {
    const path = stringOf(yaml, entry) ?? stringOf(yaml, childOf(yaml, entry, "local"));
    return path && !/^https?:/.test(path) && !path.includes("*") ? [normaliseFolder(path)] : [];
  });
}

interface Job {
  yaml: YamlFile;
  node: Node;
}

/** The job whose scripts a job runs: itself, or the nearest template it `extends`. */
function scriptSource(job: Job, jobs: Map<string, Job>, seen = new Set<Node>()): Job | undefined {
  if (seen.has(job.node)) return undefined;
  seen.add(job.node);
  if (SCRIPTS.some((key) => childOf(job.yaml, job.node, key) !== undefined)) return job;
  const parents = stringsOf(job.yaml, childOf(job.yaml, job.node, "extends")).reverse();
  for (const parent of parents) {
    const template = jobs.get(parent);
    const found = template ? scriptSource(template, jobs, seen) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * `.gitlab-ci.yml`: each job's scripts, its own or those of the template it `extends`
 * (in this file or a local `include:`), scoped by `rules: changes` / `only: changes`.
 */
export function gitlabScripts(yaml: YamlFile, lookup: YamlLookup): RunScript[] {
  const included = localIncludes(yaml)
    .slice(0, MAX_INCLUDES)
    .flatMap((file) => lookup(file) ?? []);
  const jobs = new Map<string, Job>();
  for (const file of [...included, yaml]) {
    for (const [name, node] of entriesOf(file, file.root)) jobs.set(name, { yaml: file, node });
  }
  return entriesOf(yaml, yaml.root).flatMap(([name, node]) => {
    if (KEYWORDS.has(name)) return [];
    if (SCRIPTS.includes(name)) return scriptsAt(yaml, node, "", []);
    const changes = [
      ...itemsOf(yaml, childOf(yaml, node, "rules")).map((rule) => childOf(yaml, rule, "changes")),
      pathOf(yaml, node, "only", "changes"),
    ].flatMap((one) => stringsOf(yaml, childOf(yaml, one, "paths") ?? one));
    const source = scriptSource({ yaml, node }, jobs);
    if (source === undefined) return [];
    return SCRIPTS.flatMap((key) =>
      scriptsAt(source.yaml, childOf(source.yaml, source.node, key), "", changes),
    );
  });
}
