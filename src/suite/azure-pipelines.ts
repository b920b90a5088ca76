import type { Node } from "yaml";
import { folder, known, scriptsAt } from "./ci-definitions.js";
import type { YamlLookup } from "./github-actions.js";
import { dirnameOf, joinFolder, normaliseFolder } from "./paths.js";
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

const MAX_TEMPLATE_DEPTH = 3;

/**
 * `azure-pipelines.yml`: `script`/`bash`/`pwsh` steps and the test-running tasks, and
 * those of the local templates it uses (`- template: ci/test.yml`). A template from
 * another repository (`file.yml@repo`) is left unread.
 */
export function azureScripts(yaml: YamlFile, lookup: YamlLookup, depth = 0): RunScript[] {
  const scope = ["trigger", "pr"].flatMap((key) =>
    stringsOf(yaml, pathOf(yaml, yaml.root, key, "paths", "include")),
  );
  return mapsIn(yaml, yaml.root).flatMap((step) => {
    const cwd = folder(stringOf(yaml, childOf(yaml, step, "workingDirectory")));
    const template = stringOf(yaml, childOf(yaml, step, "template"));
    if (template !== undefined && !template.includes("@") && depth < MAX_TEMPLATE_DEPTH) {
      const path = template.startsWith("/")
        ? normaliseFolder(template)
        : joinFolder(dirnameOf(yaml.file), template);
      const used = lookup(path);
      return used ? azureScripts(used, lookup, depth + 1) : [];
    }
    const task = stringOf(yaml, childOf(yaml, step, "task"));
    if (task !== undefined) return azureTask(yaml, step, task, cwd, scope);
    return AZURE_SCRIPTS.flatMap((key) => scriptsAt(yaml, childOf(yaml, step, key), cwd, scope));
  });
}
