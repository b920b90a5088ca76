import type { Node } from "yaml";
import { folder, known, scriptsAt } from "./ci-definitions.js";
import type { RunScript } from "./types.js";
import { childOf, mapsIn, pathOf, stringOf, stringsOf, type YamlFile } from "./yaml-nodes.js";

const AZURE_SCRIPTS = ["script", "bash", "pwsh", "powershell"];

/**
 * The command a built-in task runs, as a shell command would say it. Why: Maven's
 * default goal `package` runs the tests, and `DotNetCoreCLI@2` runs them only with
 * `command: test`, so each task is judged like the command it stands for.
 */
function azureTask(yaml: YamlFile, step: Node, task: string, cwd: string, scope: string[]) {
  const input = (key: string) => stringOf(yaml, pathOf(yaml, step, "inputs", key));
  const at = (text: string, knownTest = false): RunScript[] => [
    { ...known(yaml, step, text, cwd, scope), knownTest },
  ];
  if (/^VSTest@/.test(task)) return at("VSTest", true);
  if (/^DotNetCoreCLI@/.test(task))
    return at(`dotnet ${input("command") ?? "build"} ${input("projects") ?? ""}`);
  if (/^Maven@/.test(task)) return at(`mvn ${input("goals") ?? "package"}`);
  if (/^Gradle@/.test(task)) return at(`gradle ${input("tasks") ?? "build"}`);
  if (/^Npm@/.test(task))
    return at(`npm ${input("customCommand") ?? input("command") ?? "install"}`);
  return [];
}

/** `azure-pipelines.yml`: `script`/`bash`/`pwsh` steps and the test-running tasks. */
export function azureScripts(yaml: YamlFile): RunScript[] {
  const scope = ["trigger", "pr"].flatMap((key) =>
    stringsOf(yaml, pathOf(yaml, yaml.root, key, "paths", "include")),
  );
  return mapsIn(yaml, yaml.root).flatMap((step) => {
    const cwd = folder(stringOf(yaml, childOf(yaml, step, "workingDirectory")));
    const task = stringOf(yaml, childOf(yaml, step, "task"));
    if (task !== undefined) return azureTask(yaml, step, task, cwd, scope);
    return AZURE_SCRIPTS.flatMap((key) => scriptsAt(yaml, childOf(yaml, step, key), cwd, scope));
  });
}
