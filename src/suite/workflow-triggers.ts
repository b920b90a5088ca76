/** Which events start a workflow, and the reusable workflows it calls in this repository. */
import { normaliseFolder } from "./paths.js";
import { entriesOf, keysOf, pathOf, stringOf, stringsOf, type YamlFile } from "./yaml-nodes.js";

const PUSH_EVENTS = ["push", "pull_request", "pull_request_target"];

/** `on.push.paths` / `on.pull_request.paths` when every push/PR trigger has them; else none. */
export function pathFiltersOf(yaml: YamlFile): string[] {
  const on = pathOf(yaml, yaml.root, "on");
  const events = keysOf(yaml, on).filter((event) => PUSH_EVENTS.includes(event));
  const filters = events.map((event) => stringsOf(yaml, pathOf(yaml, on, event, "paths")));
  if (filters.length === 0 || filters.some((paths) => paths.length === 0)) return [];
  return [...new Set(filters.flat().filter((path) => !path.startsWith("!")))];
}

/** A workflow that only `workflow_call` starts: it runs through its callers. */
export function isReusableOnly(yaml: YamlFile): boolean {
  const events = keysOf(yaml, pathOf(yaml, yaml.root, "on"));
  return events.length === 1 && events[0] === "workflow_call";
}

/** The repository's own reusable workflows that `jobs.<id>.uses` calls. */
export function localWorkflowCalls(yaml: YamlFile): string[] {
  return entriesOf(yaml, pathOf(yaml, yaml.root, "jobs")).flatMap(([, job]) => {
    const uses = stringOf(yaml, pathOf(yaml, job, "uses"));
    return uses?.startsWith("./") ? [normaliseFolder(uses.replace(/@.*$/, ""))] : [];
  });
}
