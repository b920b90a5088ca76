import { parse } from "yaml";
import { itemsOf, pathOf, stringOf, type YamlFile } from "./yaml-nodes.js";

const FROM_JSON = /^\$\{\{\s*fromJSON\(\s*needs\.([\w-]+)\.outputs\.([\w-]+)\s*\)\s*\}\}$/i;
const STEP_OUTPUT = /steps\.([\w-]+)\.outputs\.changes/;

/**
 * The values of a matrix built from another job's `dorny/paths-filter` output
 * (`package: ${{ fromJSON(needs.changes.outputs.packages) }}`): the names of its
 * filters, each a folder the job may build. Undefined for any other expression. Why:
 * monorepos build only the packages a change touches, and each filter names one.
 */
export function pathsFilterValues(yaml: YamlFile, expression: string): string[] | undefined {
  const [, jobName = "", output = ""] = FROM_JSON.exec(expression.trim()) ?? [];
  if (jobName === "") return undefined;
  const job = pathOf(yaml, yaml.root, "jobs", jobName);
  const value = stringOf(yaml, pathOf(yaml, job, "outputs", output)) ?? "";
  const stepId = STEP_OUTPUT.exec(value)?.[1];
  const step = itemsOf(yaml, pathOf(yaml, job, "steps")).find(
    (one) => stringOf(yaml, pathOf(yaml, one, "id")) === stepId,
  );
  if (!(stringOf(yaml, pathOf(yaml, step, "uses")) ?? "").startsWith("dorny/paths-filter")) {
    return undefined;
  }
  try {
    const filters: unknown = parse(stringOf(yaml, pathOf(yaml, step, "with", "filters")) ?? "");
    return filters && typeof filters === "object" ? Object.keys(filters) : undefined;
  } catch {
    return undefined;
  }
}
